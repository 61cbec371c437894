import { Router } from 'express';
import type { EmulatorContext } from '../context';
import { parseBody } from '../http/body';
import { PdError } from '../http/errors';
import { createResponderRequestBody } from './schemas';

/** `POST /incidents/{id}/responder_requests`. */
export function respondersRouter(ctx: EmulatorContext): Router {
  const router = Router();

  router.post('/incidents/:id/responder_requests', (req, res) => {
    const incident = ctx.incidents.get(req.params.id);
    const body = parseBody(createResponderRequestBody, req.body);
    // The requester is named in the body (the operation takes no From header).
    const requester = ctx.store.users.get(body.requester_id);
    if (!requester) throw new PdError(400, 1008, 'Requester User Not Found', [`User ${body.requester_id} not found.`]);
    const targets = body.responder_request_targets.map(({ responder_request_target: target }) => ({
      type: target.type.startsWith('user') ? ('user' as const) : ('escalation_policy' as const),
      id: target.id,
    }));
    const request = ctx.responders.request(incident, requester, body.message, targets, 'api');
    res.json({ responder_request: ctx.responderRenderer.request(request) });
  });

  return router;
}
