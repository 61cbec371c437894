import { Router } from 'express';
import type { EmulatorContext } from '../context';
import { parseIncludes } from '../incidents/listing';
import { pageBody, paginate, parsePageRequest } from '../http/pagination';
import { filterOnCalls, ONCALL_INCLUDES } from './listing';

/** `GET /oncalls`: who is on call at which level of which escalation policy, derived from the policies' rules. */
export function onCallsRouter(ctx: EmulatorContext): Router {
  const router = Router();
  router.get('/oncalls', (req, res) => {
    const page = parsePageRequest(req.query);
    const include = parseIncludes(req.query, ONCALL_INCLUDES);
    const onCalls = filterOnCalls(ctx.store, req.query, ctx.clock.now());
    res.json(pageBody('oncalls', paginate(onCalls, page), (onCall) => ctx.renderer.onCall(onCall, include)));
  });
  return router;
}
