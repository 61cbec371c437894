import type { Request, Response } from 'express';
import type { AppContext } from '../context';
import type { HealthKind, HealthMonitor } from '../vendors/connectionHealth';
import type { ConnectionTestResult } from '../../contracts/api';
import { pagerDutyFailure, salesforceFailure } from './views/vendorErrors';

/**
 * POST /api/connections/pagerduty/test, …/pagerduty/test-user and …/salesforce/test: the Test
 * buttons. Always a fresh check (never the cached one), which also refreshes SUMMARY.
 */
export const postConnectionTest = (ctx: AppContext, kind: HealthKind) => async (_req: Request, res: Response<ConnectionTestResult>) => {
  const { configured, ...result } = await ctx.health.check(kind, { force: true });
  ctx.logger.info({ check: kind, configured, ok: result.ok, reason: result.reason }, 'connection test');
  res.json(result);
};

/** How long a Save waits for its check before answering that the vendor did not answer in time. */
export const SAVE_CHECK_TIMEOUT_MS = 20_000;

const VENDOR_NAMES: Record<HealthKind, string> = { pagerduty: 'PagerDuty', integrationUser: 'PagerDuty', salesforce: 'Salesforce' };

/**
 * The check a connection Save answers with: the Test button's check of the settings just saved
 * (also what SUMMARY shows next). It never throws: a save stays saved, and an unexpected failure
 * or a vendor that does not answer in time becomes a failed result that says so.
 */
export async function checkSavedConnection(
  ctx: { health: Pick<HealthMonitor, 'check' | 'invalidate'>; logger: Pick<AppContext['logger'], 'info' | 'warn'> },
  kind: HealthKind,
  timeoutMs = SAVE_CHECK_TIMEOUT_MS,
): Promise<ConnectionTestResult> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<ConnectionTestResult>((resolve) => {
    timer = setTimeout(() => {
      resolve({
        ok: false,
        reason: 'timeout',
        message: `${VENDOR_NAMES[kind]} did not answer the connection test within ${Math.round(timeoutMs / 1000)} seconds.`,
        hint: 'The settings are saved. Check the URL and that this server can reach it, then use the Test button.',
        checkedAt: new Date().toISOString(),
      });
    }, timeoutMs);
  });
  const checked = ctx.health.check(kind, { force: true }).then(
    ({ configured, ...result }): ConnectionTestResult => {
      ctx.logger.info({ check: kind, configured, ok: result.ok, reason: result.reason }, 'connection test after save');
      return result;
    },
    (error: unknown): ConnectionTestResult => {
      ctx.health.invalidate(kind);
      const failure = kind === 'salesforce' ? salesforceFailure(error, 'testing the saved settings') : pagerDutyFailure(error, 'testing the saved key');
      ctx.logger.warn({ check: kind, err: error }, 'connection test after save failed');
      return { ok: false, reason: failure.code, message: failure.message, checkedAt: new Date().toISOString() };
    },
  );
  try {
    return await Promise.race([checked, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
