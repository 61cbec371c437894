import type { NextFunction, Request, Response } from 'express';

/** One REST exchange as the emulator saw it: what conformance tests validate against the OpenAPI document. */
export interface ObservedExchange {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  requestBody: unknown;
  status: number;
  contentType: string | undefined;
  /** The JSON body sent, or undefined for empty answers (204, 202). */
  responseBody: unknown;
}

/**
 * Hands every REST exchange (not the control API, console, assets or the Events API, which the
 * REST API's OpenAPI document does not describe: its suite checks it) to `observe` once the
 * response is sent. Tests use it to validate every request and response, whichever client made it.
 */
export function exchangeObserverMiddleware(observe: (exchange: ObservedExchange) => void) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.path.startsWith('/__emulator') || req.path.startsWith('/assets') || req.path.startsWith('/v2/') || req.path === '/') {
      next();
      return;
    }
    let responseBody: unknown;
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      responseBody = body;
      return json(body);
    };
    res.on('finish', () => {
      const headers: Record<string, string> = {};
      for (const name of ['authorization', 'from', 'content-type', 'accept']) {
        const value = req.get(name);
        if (value !== undefined) headers[name] = value;
      }
      observe({
        method: req.method,
        path: req.path,
        query: req.query as Record<string, string | string[]>,
        headers,
        requestBody: req.body,
        status: res.statusCode,
        contentType: res.get('content-type'),
        responseBody,
      });
    });
    next();
  };
}
