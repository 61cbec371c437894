import type { NextFunction, Request, Response } from 'express';
import { isRecord } from './json';

/** One request as the emulator saw it. */
export interface LoggedRequest {
  at: string;
  method: string;
  /** Route template, e.g. `GET /services/data/:version/sobjects/:sobject/:id`. */
  endpoint: string;
  path: string;
  status: number;
  /** Who called: a Salesforce username or a PagerDuty key label; `anonymous` otherwise. */
  principal: string;
  durationMs: number;
}

export interface RequestCounts {
  total: number;
  byEndpoint: Record<string, number>;
  byPrincipal: Record<string, number>;
  byStatus: Record<string, number>;
}

/**
 * Request log with counts per endpoint and per principal. Benchmarks count API calls with it,
 * so counters are exact while the entry list is bounded (newest kept).
 */
export class RequestLog {
  #entries: LoggedRequest[] = [];
  #counts: RequestCounts = emptyCounts();
  readonly #maxEntries: number;

  constructor(maxEntries = 5_000) {
    this.#maxEntries = maxEntries;
  }

  record(entry: LoggedRequest): void {
    this.#entries.push(entry);
    if (this.#entries.length > this.#maxEntries) this.#entries.splice(0, this.#entries.length - this.#maxEntries);
    const counts = this.#counts;
    counts.total += 1;
    counts.byEndpoint[entry.endpoint] = (counts.byEndpoint[entry.endpoint] ?? 0) + 1;
    counts.byPrincipal[entry.principal] = (counts.byPrincipal[entry.principal] ?? 0) + 1;
    counts.byStatus[entry.status] = (counts.byStatus[entry.status] ?? 0) + 1;
  }

  entries(limit = 100): LoggedRequest[] {
    return this.#entries.slice(-limit);
  }

  counts(): RequestCounts {
    return structuredClone(this.#counts);
  }

  reset(): void {
    this.#entries = [];
    this.#counts = emptyCounts();
  }
}

function emptyCounts(): RequestCounts {
  return { total: 0, byEndpoint: {}, byPrincipal: {}, byStatus: {} };
}

/**
 * Express middleware recording every request but the control API's when the response finishes.
 * Handlers name the caller with `res.locals.principal`.
 */
export function requestLogMiddleware(log: RequestLog, now: () => number = Date.now) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.path.startsWith('/__emulator')) {
      next();
      return;
    }
    const started = performance.now();
    res.on('finish', () => {
      // A handler that routes internally (one Express route, many API resources) names the
      // endpoint template itself in `res.locals.endpoint`.
      const route: unknown = req.route;
      const template = isRecord(route) && typeof route.path === 'string' ? route.path : undefined;
      const named = typeof res.locals.endpoint === 'string' ? res.locals.endpoint : undefined;
      log.record({
        at: new Date(now()).toISOString(),
        method: req.method,
        endpoint: `${req.method} ${named ?? (template ? `${req.baseUrl}${template}` : req.path)}`,
        path: req.path,
        status: res.statusCode,
        principal: typeof res.locals.principal === 'string' ? res.locals.principal : 'anonymous',
        durationMs: Math.round((performance.now() - started) * 100) / 100,
      });
    });
    next();
  };
}
