import type { Transaction } from '../store';

/** One REST API call, from an HTTP request or a composite subrequest. */
export interface ApiCall {
  method: string;
  /** Path segments after `/services/data/v{version}/`, decoded. */
  segments: string[];
  query: URLSearchParams;
  body: unknown;
  /** Lower-cased header names. */
  headers: Record<string, string | undefined>;
  /** e.g. `59.0`. */
  version: string;
  userId: string;
}

export interface ApiResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Endpoint template for the request log, e.g. `/services/data/:version/sobjects/:type/:id`. */
  endpoint: string;
}

/** Writes go through the caller's transaction, so a composite request can roll back as a whole. */
export type RunInTransaction = <T>(work: (txn: Transaction) => T) => T;
