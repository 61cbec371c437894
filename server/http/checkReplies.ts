import type { RequestHandler, Response } from 'express';
import { z } from 'zod';
import { apiErrorBodySchema } from '../../contracts/api';
import type { EndpointContract } from '../../contracts/endpoint';
import type { Logger } from 'pino';

/**
 * CHECK_REPLIES (development and tests): holds every JSON reply of a route to its contract, so a
 * handler and its published schema (the OpenAPI document, the web client's types) cannot drift
 * apart unnoticed: a success must match the route's reply schema, a failure the error envelope.
 * A reply that does not is logged and answered 500 in the envelope, saying what differs, which
 * fails the test or the page that met it. Mounted before the route's own handlers.
 */
export function checkReplies(routeName: string, contract: EndpointContract, logger: Logger): RequestHandler {
  const { reply } = contract;
  const ownShape = new Set<number>(contract.alsoReplyStatuses ?? []);
  return (_req, res, next) => {
    const send = res.json.bind(res) as Response['json'];
    res.json = (body: unknown) => {
      const status = res.statusCode;
      const schema = status >= 400 && !ownShape.has(status) ? apiErrorBodySchema : reply;
      const checked = schema?.safeParse(body);
      if (!checked || checked.success) return send(body);
      const differences = z.prettifyError(checked.error);
      logger.error({ route: routeName, status, differences }, 'a reply does not match its contract');
      return res
        .status(500)
        .json({ error: { code: 'internal', message: `The reply of ${routeName} (HTTP ${status}) does not match its contract:\n${differences}` } });
    };
    next();
  };
}
