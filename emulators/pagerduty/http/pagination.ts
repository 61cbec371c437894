import type { Request } from 'express';
import { invalidInput } from './errors';
import { booleanParam, stringParam } from './query';

export interface PageRequest {
  limit: number;
  offset: number;
  total: boolean;
}

export interface Page<T> {
  items: T[];
  limit: number;
  offset: number;
  more: boolean;
  total: number | null;
}

const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 100;
/** "the sum of the offset and limit parameters cannot exceed 10000" (docs/REST-API/09-Pagination.md). */
const MAX_RECORDS = 10_000;

function nonNegativeInteger(query: Request['query'], name: string, fallback: number): number {
  const raw = stringParam(query, name);
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw invalidInput(`${name} must be a non-negative integer.`);
  return Number(raw);
}

/** Classic pagination: `limit` (default 25, capped at 100), `offset`, `total=true`. */
export function parsePageRequest(query: Request['query']): PageRequest {
  const requested = nonNegativeInteger(query, 'limit', DEFAULT_LIMIT);
  const limit = Math.min(Math.max(requested, 1), MAX_LIMIT);
  const offset = nonNegativeInteger(query, 'offset', 0);
  if (offset + limit > MAX_RECORDS) {
    throw invalidInput(`Offset + limit must not exceed ${MAX_RECORDS}; narrow the query with filters instead.`);
  }
  return { limit, offset, total: booleanParam(query, 'total') };
}

export function paginate<T>(all: T[], page: PageRequest): Page<T> {
  return {
    items: all.slice(page.offset, page.offset + page.limit),
    limit: page.limit,
    offset: page.offset,
    more: page.offset + page.limit < all.length,
    total: page.total ? all.length : null,
  };
}

/** The list body: `{ [root]: items, limit, offset, more, total }`. */
export function pageBody<T>(root: string, page: Page<T>, render: (item: T) => unknown): Record<string, unknown> {
  return { [root]: page.items.map(render), limit: page.limit, offset: page.offset, more: page.more, total: page.total };
}
