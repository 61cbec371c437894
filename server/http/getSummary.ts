import type { Request, Response } from 'express';
import type { AppContext } from '../context';
import { readRecentIntakeNotices } from '../intake/intakeState';
import { readOpenSelfAlerts } from './views/selfAlerts';
import { readRulesetCounts, readSyncFigures } from './views/summary';
import type { SummaryReply } from '../../contracts/api';

/** GET /api/summary: connection health, the integration user, budgets, sync figures, intake problems and the connector's open alerts about itself. Polled by the SUMMARY tab. */
export const getSummary = (ctx: AppContext) => async (_req: Request, res: Response<SummaryReply>) => {
  const [pagerduty, salesforce, integrationUser, webhooks] = await Promise.all([
    ctx.health.check('pagerduty'),
    ctx.health.check('salesforce'),
    ctx.health.check('integrationUser'),
    ctx.webhooks.view(),
  ]);
  const [rulesets, sync, intakeNotices, selfAlerts, selfAlertSettings] = await Promise.all([
    readRulesetCounts(ctx.db),
    readSyncFigures(ctx.db),
    readRecentIntakeNotices(ctx.db),
    readOpenSelfAlerts(ctx.db),
    ctx.connections.selfAlerts(),
  ]);
  const apiUsed = salesforce.details?.apiUsed;
  const apiLimit = salesforce.details?.apiLimit;
  const pdRemaining = pagerduty.details?.rateLimitRemaining;
  const pdLimit = pagerduty.details?.rateLimitLimit;
  res.set('Cache-Control', 'no-store');
  res.json({
    pagerduty,
    salesforce,
    integrationUser,
    webhook: { state: webhooks.state, message: webhooks.message },
    rulesets,
    budgets: {
      salesforce: typeof apiUsed === 'number' && typeof apiLimit === 'number' ? { used: apiUsed, limit: apiLimit } : null,
      pagerduty: typeof pdRemaining === 'number' && typeof pdLimit === 'number' ? { remaining: pdRemaining, limit: pdLimit } : null,
    },
    sync,
    intakeNotices,
    selfAlerts,
    selfAlertsConfigured: Boolean(selfAlertSettings.routingKey),
    demo: ctx.demo,
    generatedAt: new Date().toISOString(),
  });
};
