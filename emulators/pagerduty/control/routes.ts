import express, { Router } from 'express';
import { z } from 'zod';
import { faultSpecSchema } from '../../shared/faults';
import type { EmulatorContext } from '../context';
import { parseBody } from '../http/body';
import { invalidInput, notFound, PdError } from '../http/errors';
import { SEED_NAMES } from '../seed';
import { act, actBody } from './act';
import { newWebhookSecret } from '../webhooks/signature';

const resetBody = z.object({ seed: z.enum(SEED_NAMES as ['demo', 'empty']).optional() }).strict();
const clockBody = z
  .object({ offsetMs: z.number().int().optional(), advanceMs: z.number().int().min(0).optional() })
  .strict()
  .refine((b) => (b.offsetMs === undefined) !== (b.advanceMs === undefined), { error: 'Give offsetMs or advanceMs' });
const rateLimitBody = z.object({ perMinute: z.union([z.number().int().min(1).max(1_000_000), z.literal(false)]) }).strict();
const advanceBody = z
  .object({
    ms: z
      .number()
      .int()
      .min(0)
      .max(30 * 24 * 3_600_000),
  })
  .strict();
const rotateBody = z.object({ secret: z.string().min(16).max(200).optional() }).strict();

/** `/__emulator/*`: reset and seed, faults, request log, clock, rate limit, responders, webhook deliveries. */
export function controlRouter(ctx: EmulatorContext): Router {
  const router = Router();
  router.use(express.json({ limit: '1mb' }));

  router.post('/reset', (req, res) => {
    const { seed } = parseBody(resetBody, req.body ?? {});
    res.json(ctx.reset(seed ?? 'demo'));
  });

  router.get('/seed', (_req, res) => {
    res.json(ctx.seedInfo());
  });

  router.get('/faults', (_req, res) => {
    res.json({ faults: ctx.faults.list() });
  });

  router.post('/faults', (req, res) => {
    const spec = parseBody(faultSpecSchema, req.body);
    try {
      res.status(201).json({ fault: ctx.faults.add(spec) });
    } catch (error) {
      throw invalidInput(`path is not a valid regular expression: ${(error as Error).message}`);
    }
  });

  router.delete('/faults', (_req, res) => {
    ctx.faults.clear();
    res.status(204).end();
  });

  router.delete('/faults/:id', (req, res) => {
    if (!ctx.faults.remove(Number(req.params.id))) throw notFound();
    res.status(204).end();
  });

  router.get('/requests', (req, res) => {
    const limit = Math.min(Number(req.query.limit ?? 100) || 100, 5_000);
    res.json({ counts: ctx.requestLog.counts(), entries: ctx.requestLog.entries(limit) });
  });

  router.delete('/requests', (_req, res) => {
    ctx.requestLog.reset();
    res.status(204).end();
  });

  router.get('/clock', (_req, res) => {
    res.json({ now: ctx.clock.date().toISOString(), offsetMs: ctx.clock.offsetMs });
  });

  router.post('/clock', (req, res) => {
    const body = parseBody(clockBody, req.body);
    if (body.offsetMs !== undefined) ctx.clock.setOffset(body.offsetMs);
    if (body.advanceMs !== undefined) ctx.clock.advance(body.advanceMs);
    ctx.incidents.expireSnoozes();
    ctx.deliveries.kick();
    res.json({ now: ctx.clock.date().toISOString(), offsetMs: ctx.clock.offsetMs });
  });

  router.get('/rate-limit', (_req, res) => {
    res.json({ perMinute: ctx.rateLimiter.limitPerMinute });
  });

  router.post('/rate-limit', (req, res) => {
    const { perMinute } = parseBody(rateLimitBody, req.body);
    ctx.rateLimiter.configure(perMinute);
    res.json({ perMinute: ctx.rateLimiter.limitPerMinute });
  });

  router.post('/act', (req, res) => {
    const body = parseBody(actBody, req.body);
    const actor = ctx.store.userByEmail(body.as);
    if (!actor) throw new PdError(400, 1008, 'Requester User Not Found', [`No user has the email ${body.as}.`]);
    const incident = ctx.incidents.get(body.incident_id);
    const result = act(ctx, actor, incident.id, body);
    res.json(result);
  });

  router.get('/webhooks/deliveries', (req, res) => {
    const subscriptionId = typeof req.query.subscription_id === 'string' ? req.query.subscription_id : undefined;
    res.json({ deliveries: ctx.deliveries.list(subscriptionId), pending: ctx.deliveries.pendingCount() });
  });

  /** Fast-forwards the retry clock by `ms` and waits for the deliveries that became due. */
  router.post('/webhooks/advance', async (req, res) => {
    const { ms } = parseBody(advanceBody, req.body);
    await ctx.deliveries.advance(ms);
    res.json({ now: ctx.clock.date().toISOString(), pending: ctx.deliveries.pendingCount() });
  });

  /** Pushes every queued webhook through its remaining attempts now, and waits. */
  router.post('/webhooks/flush', async (_req, res) => {
    await ctx.deliveries.flush();
    res.json({ pending: ctx.deliveries.pendingCount() });
  });

  /** Waits until nothing due is left to send (what just happened has been delivered or is backing off). */
  router.post('/webhooks/settle', async (_req, res) => {
    await ctx.deliveries.settle();
    res.json({ pending: ctx.deliveries.pendingCount() });
  });

  /**
   * Starts a secret rotation: the new secret signs alongside the current one (two `v1=` values)
   * until `complete-rotation`. Answers the new secret, as PagerDuty shows a secret only once.
   */
  router.post('/webhooks/subscriptions/:id/rotate-secret', (req, res) => {
    const subscription = ctx.store.webhookSubscriptions.get(req.params.id);
    if (!subscription) throw notFound();
    const { secret } = parseBody(rotateBody, req.body ?? {});
    const fresh = secret ?? newWebhookSecret();
    subscription.secrets = [fresh, subscription.secrets[0]];
    res.json({ secret: fresh, signingSecrets: subscription.secrets.length });
  });

  router.post('/webhooks/subscriptions/:id/complete-rotation', (req, res) => {
    const subscription = ctx.store.webhookSubscriptions.get(req.params.id);
    if (!subscription) throw notFound();
    subscription.secrets = [subscription.secrets[0]];
    res.json({ signingSecrets: 1 });
  });

  return router;
}
