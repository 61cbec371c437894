import express, { type Request, type RequestHandler, type Response } from 'express';
import type { AppContext } from '../context';
import { AppError } from '../errors';
import { parseWebhookBody } from '../intake/pagerdutyWebhook';
import { WebhookDeliveryLog } from '../store/webhookDeliveries';
import { sourceEventIds } from '../pipeline/events';
import type { WebhookDeliveryReply } from '../../contracts/webhooks';

/** PagerDuty's v3 payloads are small; anything bigger is not a webhook of ours. */
export const WEBHOOK_BODY_LIMIT = '512kb';

/**
 * POST /webhooks/pagerduty: PagerDuty v3 webhooks. Outside /api on purpose: no session, no CSRF;
 * the signature over the raw body (any `v1=` value, any of our subscriptions' secrets) is the
 * authentication. Answers 2xx only once the event is in the inbox, so PagerDuty retries
 * whatever was not stored; redeliveries (same `X-Webhook-Id`, or same event id through another
 * subscription) answer 200 and store nothing.
 */
export function postPagerDutyWebhook(ctx: AppContext): [RequestHandler, (req: Request, res: Response<WebhookDeliveryReply>) => Promise<void>] {
  const deliveries = new WebhookDeliveryLog(ctx.db);
  const logger = ctx.logger.child({ component: 'pagerduty-webhook' });
  const handle = async (req: Request, res: Response<WebhookDeliveryReply>): Promise<void> => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const signature = req.get('x-pagerduty-signature');
    if (!(await ctx.webhooks.verify(raw, signature))) {
      logger.warn(
        { webhookId: req.get('x-webhook-id'), subscription: req.get('x-webhook-subscription'), signed: Boolean(signature) },
        'webhook rejected: bad or missing signature',
      );
      throw new AppError('bad_signature', 'The X-PagerDuty-Signature header does not sign this body with the secret of any webhook subscription of this app.');
    }
    const parsed = parseWebhookBody(raw);
    if (parsed.kind === 'invalid') throw new AppError('validation_failed', parsed.message);

    const webhookId = req.get('x-webhook-id')?.trim() || null;
    if (webhookId && (await deliveries.seen(webhookId))) {
      res.status(200).json({ status: 'duplicate' });
      return;
    }
    if (parsed.kind === 'ping') {
      res.status(200).json({ status: 'pong' });
      return;
    }
    if (parsed.kind === 'other') {
      res.status(200).json({ status: 'ignored' });
      return;
    }
    const { event } = parsed;
    const stored = await ctx.sync.record(
      {
        source: 'pagerduty',
        sourceEventId: sourceEventIds.webhook(event.id),
        kind: event.event_type,
        payload: event,
        incidentId: parsed.incidentId,
        incidentNumber: parsed.incidentNumber,
        occurredAt: parsed.occurredAt,
      },
      webhookId ? (trx) => deliveries.remember(webhookId, event.id, trx) : undefined,
    );
    res.status(200).json({ status: stored.duplicate ? 'duplicate' : 'stored' });
  };
  return [express.raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT }), handle];
}
