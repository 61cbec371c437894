import type { Request, Response } from 'express';
import type { AppContext } from '../context';
import type { HealthKind } from '../vendors/connectionHealth';
import type { ConnectionTestResult } from '../../contracts/api';

/**
 * POST /api/connections/pagerduty/test, …/pagerduty/test-user and …/salesforce/test: the Test
 * buttons. Always a fresh check (never the cached one), which also refreshes SUMMARY.
 */
export const postConnectionTest = (ctx: AppContext, kind: HealthKind) => async (_req: Request, res: Response<ConnectionTestResult>) => {
  const { configured, ...result } = await ctx.health.check(kind, { force: true });
  ctx.logger.info({ check: kind, configured, ok: result.ok, reason: result.reason }, 'connection test');
  res.json(result);
};
