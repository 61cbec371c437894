import crypto from 'node:crypto';
import type { Request, Response } from 'express';
import type { AppMetrics } from '../metrics';

/**
 * GET /metrics for Prometheus: no session. With METRICS_TOKEN set, only
 * `Authorization: Bearer <token>` gets an answer; anyone else gets a plain 404, so the endpoint
 * does not even admit it exists.
 */
export const getMetrics = (metrics: AppMetrics, token: string | undefined) => async (req: Request, res: Response) => {
  if (token !== undefined && !bearerMatches(req.headers.authorization, token)) {
    res.status(404).type('text').send('Not Found');
    return;
  }
  const body = await metrics.registry.metrics();
  res.set('Cache-Control', 'no-store');
  res.type(metrics.registry.contentType).send(body);
};

function bearerMatches(header: string | undefined, token: string): boolean {
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
  if (presented === undefined) return false;
  // Compare digests: constant time, whatever the lengths.
  const digest = (value: string) => crypto.createHash('sha256').update(value).digest();
  return crypto.timingSafeEqual(digest(presented), digest(token));
}
