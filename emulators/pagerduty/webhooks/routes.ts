import { Router } from 'express';
import { z } from 'zod';
import type { EmulatorContext } from '../context';
import { parseBody } from '../http/body';
import { invalidInput, notFound } from '../http/errors';
import { pageBody, paginate, parsePageRequest } from '../http/pagination';
import { stringParam } from '../http/query';
import type { WebhookFilter, WebhookSubscription } from '../model';
import { KNOWN_EVENT_TYPES } from './eventTypes';
import { newWebhookSecret } from './signature';

const httpUrl = z.url().refine((value) => /^https?:\/\//i.test(value), { error: 'url must be an http:// or https:// URL' });

const customHeaders = z.array(z.object({ name: z.string().min(1).max(200), value: z.string().max(2_000) }).strict()).max(10);

const events = z
  .array(z.string())
  .min(1)
  .refine((list) => new Set(list).size === list.length, { error: 'events must not repeat' })
  .refine((list) => list.every((type) => KNOWN_EVENT_TYPES.has(type)), { error: 'events contains an unknown event type' });

const filter = z.object({ type: z.enum(['account_reference', 'service_reference', 'team_reference']), id: z.string().min(1).optional() }).strict();

const createBody = z
  .object({
    webhook_subscription: z
      .object({
        type: z.literal('webhook_subscription'),
        active: z.boolean().optional(),
        delivery_method: z.object({ type: z.literal('http_delivery_method'), url: httpUrl, custom_headers: customHeaders.optional() }).strict(),
        description: z.string().max(1_000).optional(),
        events,
        filter,
      })
      .strict(),
  })
  .strict();

const updateBody = z
  .object({
    webhook_subscription: z
      .object({
        type: z.literal('webhook_subscription').optional(),
        active: z.boolean().optional(),
        delivery_method: z
          .object({
            type: z.literal('http_delivery_method').optional(),
            url: httpUrl.optional(),
            custom_headers: customHeaders.optional(),
          })
          .strict()
          .optional(),
        description: z.string().max(1_000).optional(),
        events: events.optional(),
        filter: filter.optional(),
      })
      .strict(),
  })
  .strict();

/** `/webhook_subscriptions`: create (secret shown once), list, get, update, delete, enable, ping. */
export function webhookSubscriptionsRouter(ctx: EmulatorContext): Router {
  const router = Router();
  const { renderer } = ctx;

  const checkedFilter = (input: z.infer<typeof filter>): WebhookFilter => {
    if (input.type === 'account_reference') return { type: 'account_reference' };
    if (!input.id) throw invalidInput(`filter.id is required for a ${input.type} filter.`);
    const exists = input.type === 'service_reference' ? ctx.store.services.has(input.id) : ctx.store.teams.has(input.id);
    if (!exists) throw invalidInput(`filter.id ${input.id} does not name an existing ${input.type.replace('_reference', '')}.`);
    return { type: input.type, id: input.id };
  };

  const find = (id: string): WebhookSubscription => {
    const subscription = ctx.store.webhookSubscriptions.get(id);
    if (!subscription) throw notFound();
    return subscription;
  };

  router.post('/webhook_subscriptions', (req, res) => {
    const { webhook_subscription: input } = parseBody(createBody, req.body);
    const secret = newWebhookSecret();
    const subscription: WebhookSubscription = {
      id: ctx.store.ids.next(),
      deliveryMethodId: ctx.store.ids.next(),
      url: input.delivery_method.url,
      customHeaders: input.delivery_method.custom_headers ?? [],
      description: input.description ?? '',
      events: input.events,
      filter: checkedFilter(input.filter),
      active: input.active ?? true,
      temporarilyDisabled: false,
      secrets: [secret],
      consecutiveDrops: 0,
    };
    ctx.store.webhookSubscriptions.set(subscription.id, subscription);
    // openapiv3.json declares 200 for this create (not 201).
    res.status(200).json({ webhook_subscription: renderer.webhookSubscription(subscription, secret) });
  });

  router.get('/webhook_subscriptions', (req, res) => {
    const page = parsePageRequest(req.query);
    const filterType = stringParam(req.query, 'filter_type');
    const filterId = stringParam(req.query, 'filter_id');
    if (filterType !== undefined && !['account', 'service', 'team'].includes(filterType)) {
      throw invalidInput('filter_type must be one of account, service, team.');
    }
    const all = [...ctx.store.webhookSubscriptions.values()].filter(
      (s) =>
        (filterType === undefined || s.filter.type === `${filterType}_reference`) && (filterId === undefined || ('id' in s.filter && s.filter.id === filterId)),
    );
    res.json(pageBody('webhook_subscriptions', paginate(all, page), (s) => renderer.webhookSubscription(s)));
  });

  router.get('/webhook_subscriptions/:id', (req, res) => {
    res.json({ webhook_subscription: renderer.webhookSubscription(find(req.params.id)) });
  });

  router.put('/webhook_subscriptions/:id', (req, res) => {
    const subscription = find(req.params.id);
    const { webhook_subscription: input } = parseBody(updateBody, req.body);
    const nextFilter = input.filter ? checkedFilter(input.filter) : undefined;
    if (input.active !== undefined) subscription.active = input.active;
    if (input.description !== undefined) subscription.description = input.description;
    if (input.events) subscription.events = input.events;
    if (nextFilter) subscription.filter = nextFilter;
    if (input.delivery_method?.url) subscription.url = input.delivery_method.url;
    if (input.delivery_method?.custom_headers) subscription.customHeaders = input.delivery_method.custom_headers;
    res.json({ webhook_subscription: renderer.webhookSubscription(subscription) });
  });

  router.delete('/webhook_subscriptions/:id', (req, res) => {
    find(req.params.id);
    ctx.store.webhookSubscriptions.delete(req.params.id);
    res.status(204).end();
  });

  /** Re-enables a subscription PagerDuty disabled after repeated delivery failures. */
  router.post('/webhook_subscriptions/:id/enable', (req, res) => {
    const subscription = find(req.params.id);
    subscription.temporarilyDisabled = false;
    subscription.consecutiveDrops = 0;
    res.json({ webhook_subscription: renderer.webhookSubscription(subscription) });
  });

  router.post('/webhook_subscriptions/:id/ping', (req, res) => {
    ctx.publisher.ping(find(req.params.id));
    res.status(202).end();
  });

  return router;
}
