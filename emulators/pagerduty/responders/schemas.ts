import { z } from 'zod';

/**
 * `POST /incidents/{id}/responder_requests`, as openapiv3.json's request example sends it: each
 * target wrapped in `responder_request_target`, a user or an escalation policy reference.
 */
const target = z
  .object({
    responder_request_target: z
      .object({
        id: z.string().min(1),
        type: z.enum(['user_reference', 'escalation_policy_reference', 'user', 'escalation_policy']),
        summary: z.string().nullish(),
      })
      .strict(),
  })
  .strict();

export const createResponderRequestBody = z
  .object({
    requester_id: z.string().min(1),
    message: z.string().trim().min(1).max(1024),
    responder_request_targets: z.array(target).min(1).max(20),
  })
  .strict();

export type CreateResponderRequestInput = z.infer<typeof createResponderRequestBody>;
