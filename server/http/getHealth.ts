import type { Request, Response } from 'express';
import type { AppContext } from '../context';
import type { HealthReply, ReadinessReply } from '../../contracts/routes';

/** GET /healthz: the process is alive. */
export const getHealthz = () => (_req: Request, res: Response<HealthReply>) => {
  res.json({ status: 'ok' });
};

/** GET /readyz: the database answers and both connections work (503 otherwise, with which failed). */
export const getReadyz = (ctx: AppContext) => async (_req: Request, res: Response<ReadinessReply>) => {
  const database = await ctx.db
    .raw('select 1')
    .then(() => ({ ok: true }))
    .catch((error: unknown) => ({ ok: false, message: error instanceof Error ? error.message : String(error) }));
  const [pagerduty, salesforce] = await Promise.all([ctx.health.check('pagerduty'), ctx.health.check('salesforce')]);
  const checks = {
    database,
    pagerduty: { ok: pagerduty.ok, message: pagerduty.message },
    salesforce: { ok: salesforce.ok, message: salesforce.message },
  };
  const ready = Object.values(checks).every((check) => check.ok);
  res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', checks });
};
