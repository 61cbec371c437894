/**
 * How a saved secret is shown: whether it is set, and at most a hint of it. Its own module because
 * every connection's view uses it (api.ts, agent.ts, selfAlerts.ts) and api.ts imports the others.
 */
import { z } from 'zod';

export const secretStateSchema = z
  .strictObject({
    set: z.boolean(),
    /** For a long secret, an ellipsis and its last four characters (`…abcd`); never more. */
    hint: z.string().optional(),
  })
  .meta({ id: 'SecretState' });
export type SecretState = z.infer<typeof secretStateSchema>;
