import type { Request, Response } from 'express';
import type { AppContext } from '../context';
import type { HealthReply, ReadinessReply } from '../../contracts/routes';

/** GET /healthz: the process is alive. */
export const getHealthz = () => (_req: Request, res: Response<HealthReply>) => {
  res.json({ status: 'ok' });
};

const PHASE_MESSAGES = { starting: 'The app is still starting', draining: 'The app is shutting down' } as const;

/**
 * GET /readyz: this instance is started, not shutting down, and its database answers (503
 * otherwise, saying which). Salesforce and PagerDuty are not asked: see contracts ReadinessReply.
 */
export const getReadyz = (ctx: AppContext) => async (_req: Request, res: Response<ReadinessReply>) => {
  const phase = ctx.readiness.phase;
  // A shutting-down instance answers at once, without waiting for its database.
  const started = phase === 'serving' ? { ok: true } : { ok: false, message: PHASE_MESSAGES[phase] };
  const database = !started.ok
    ? { ok: false, message: 'Not checked' }
    : await ctx.db
        .raw('select 1')
        .then(() => ({ ok: true }))
        .catch((error: unknown) => ({ ok: false, message: error instanceof Error ? error.message : String(error) }));
  const ready = started.ok && database.ok;
  res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', checks: { started, database } });
};
