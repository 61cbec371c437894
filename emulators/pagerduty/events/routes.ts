import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { EmulatorContext } from '../context';
import { alertEventBody, describeEventIssues } from './schemas';

/** Events API error bodies: `{status, message, errors}` (the events-v2 OpenAPI document's Error), not the REST API's envelope. */
interface EventsErrorBody {
  status: string;
  message: string;
  errors: string[];
}

const invalidEvent = (errors: string[]): EventsErrorBody => ({ status: 'invalid event', message: 'Event object is invalid', errors });

/**
 * `POST /v2/enqueue`: what `https://events.pagerduty.com/v2/enqueue` serves, on the emulator's
 * own port (a client's Events API URL is the emulator's URL). No `Authorization`: the body's
 * `routing_key` (an Events API v2 integration key) names the service. Answers 202
 * `{status, message, dedup_key}`, 400 `{status, message, errors}` for a body PagerDuty would not
 * take (nothing changed), 429 past ~120 events a minute per routing key (PagerDuty's documented
 * limit; `eventsRateLimitPerMinute`). Payloads are limited to 512 KB, as PagerDuty's are.
 */
export function eventsRouter(ctx: EmulatorContext): Router {
  const router = Router();
  router.post('/v2/enqueue', express.json({ limit: '512kb', type: () => true }), (req: Request, res: Response) => {
    const parsed = alertEventBody.safeParse(req.body);
    if (!parsed.success) {
      const body: unknown = req.body;
      const notAnObject = body === null || typeof body !== 'object' || Array.isArray(body);
      res.status(400).json(notAnObject ? invalidEvent(['Event object must be a JSON object']) : invalidEvent(describeEventIssues(parsed.error)));
      return;
    }
    const decision = ctx.eventsRateLimiter.take(`routing:${parsed.data.routing_key}`);
    if (decision && !decision.allowed) {
      res.status(429).json({
        status: 'throttle event',
        message: 'Requests for this service are arriving too quickly.  Please retry later.',
        errors: ['Too many requests'],
      } satisfies EventsErrorBody);
      return;
    }
    const result = ctx.events.enqueue(parsed.data);
    if ('kind' in result) {
      res.status(400).json(invalidEvent(result.errors));
      return;
    }
    res.status(202).json(result);
  });
  // Body-parser failures in the Events API's shape (this router's parser only).
  router.use('/v2/enqueue', (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    const type = (error as { type?: string } | null)?.type;
    if (type === 'entity.parse.failed') {
      res
        .status(400)
        .json({ status: 'Unrecognized object', message: 'Event object format is unrecognized', errors: ['JSON parse error'] } satisfies EventsErrorBody);
      return;
    }
    if (type === 'entity.too.large') {
      res.status(400).json(invalidEvent(['Event object is larger than 512 KB']));
      return;
    }
    next(error);
  });
  return router;
}
