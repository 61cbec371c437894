import { Router } from 'express';
import type { EmulatorContext } from '../context';
import { parseBody } from '../http/body';
import { actingUser } from '../http/from';
import { pageBody, paginate, parsePageRequest } from '../http/pagination';
import { ACCOUNT_ID } from './operations';
import { createStatusUpdateBody, subscribersBody } from './schemas';

/** `POST /incidents/{id}/status_updates` and the status update subscribers of an incident. */
export function statusUpdatesRouter(ctx: EmulatorContext): Router {
  const router = Router();
  const { statusUpdates } = ctx;

  router.post('/incidents/:id/status_updates', (req, res) => {
    const incident = ctx.incidents.get(req.params.id);
    const sender = actingUser(req, res, ctx.store);
    const input = parseBody(createStatusUpdateBody, req.body);
    res.json({ status_update: statusUpdates.statusUpdate(statusUpdates.publish(incident, sender, input, 'api')) });
  });

  router.get('/incidents/:id/status_updates/subscribers', (req, res) => {
    const incident = statusUpdates.incidentForSubscribers(req.params.id);
    const page = parsePageRequest(req.query);
    const body = pageBody('subscribers', paginate(statusUpdates.subscribersOf(incident), page), (subscriber) => ({
      subscriber_id: subscriber.subscriberId,
      subscriber_type: subscriber.subscriberType,
      has_indirect_subscription: false,
      subscribed_via: null,
    }));
    res.json({ ...body, account_id: ACCOUNT_ID });
  });

  router.post('/incidents/:id/status_updates/subscribers', (req, res) => {
    const incident = statusUpdates.incidentForSubscribers(req.params.id);
    const { subscribers } = parseBody(subscribersBody, req.body);
    res.json({
      subscriptions: statusUpdates.subscribe(incident, subscribers).map(({ subscriber, result }) => ({
        account_id: ACCOUNT_ID,
        subscribable_id: incident.id,
        subscribable_type: 'incident',
        subscriber_id: subscriber.subscriber_id,
        subscriber_type: subscriber.subscriber_type,
        result,
      })),
    });
  });

  router.post('/incidents/:id/status_updates/unsubscribe', (req, res) => {
    const incident = ctx.incidents.get(req.params.id);
    const { subscribers } = parseBody(subscribersBody, req.body);
    res.json(statusUpdates.unsubscribe(incident, subscribers));
  });

  return router;
}
