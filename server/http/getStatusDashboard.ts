import type { Request, Response } from 'express';
import { statusDashboardQuery, type StatusDashboardReply } from '../../contracts/statusDashboard';
import type { AppContext } from '../context';
import { consoleLinksFor } from './views/consoleLinks';
import { StatusDashboardReader } from './views/statusDashboard';
import { DashboardPagerDutyReads } from './views/statusDashboardPagerDuty';
import { pagerDutyFailure } from './views/vendorErrors';
import { parseInput } from './validate';

/**
 * GET /api/status-dashboard: ongoing incidents linked to Cases and impacted business services,
 * filtered by `serviceId` and `priorityId`. PagerDuty's reads are shared between viewers for a few
 * seconds (DashboardPagerDutyReads says why) and dropped as soon as an incident event arrives.
 */
export const getStatusDashboard = (ctx: AppContext) => {
  const reader = new StatusDashboardReader(ctx.db, ctx.snapshots);
  const pagerDuty = new DashboardPagerDutyReads(() => ctx.sessions.pagerduty.client());
  ctx.sync.on('eventRecorded', (event) => {
    if (event.source === 'pagerduty') pagerDuty.invalidate();
  });
  return async (req: Request, res: Response<StatusDashboardReply>) => {
    // Empty parameters are what a filter form sends for "any".
    const query = Object.fromEntries(Object.entries(req.query as Record<string, unknown>).filter(([, value]) => value !== ''));
    const filters = parseInput(statusDashboardQuery, query);
    const data = await pagerDuty.read().catch((error: unknown) => {
      throw pagerDutyFailure(error, 'reading the ongoing incidents and business service impacts');
    });
    const caseUrlOf = await consoleLinksFor(ctx.sessions.salesforce).caseUrlOf();
    res.set('Cache-Control', 'no-store');
    res.json(await reader.view(data, filters, caseUrlOf));
  };
};
