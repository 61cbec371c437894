import { z } from 'zod';

/** Request bodies of `/incidents/{id}/status_updates` and its subscribers, as openapiv3.json declares them. */
export const createStatusUpdateBody = z
  .object({
    message: z.string().trim().min(1).max(65_536),
    subject: z.string().max(1024).optional(),
    html_message: z.string().max(65_536).optional(),
  })
  .strict();

const subscriber = z.object({ subscriber_id: z.string().min(1), subscriber_type: z.enum(['user', 'team']) }).strict();

export const subscribersBody = z.object({ subscribers: z.array(subscriber).min(1).max(100) }).strict();
export type SubscriberInput = z.infer<typeof subscriber>;
