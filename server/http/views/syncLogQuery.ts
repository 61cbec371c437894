import type { Request } from 'express';
import { syncLogQuery, type SyncLogFilters } from '../../../contracts/syncLog';
import { parseInput } from '../validate';

/**
 * The log's filters from a query string. Empty parameters (`?source=&q=`, what a form sends for
 * "any") mean "no filter", so they are dropped before validation.
 */
export function parseSyncLogQuery(req: Request): SyncLogFilters {
  const query = Object.fromEntries(Object.entries(req.query as Record<string, unknown>).filter(([, value]) => value !== ''));
  return parseInput(syncLogQuery, query);
}
