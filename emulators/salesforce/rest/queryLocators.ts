import type { Clock } from '../../shared/clock';
import { SalesforceError } from '../errors';
import { IdGenerator } from '../ids';

interface Cursor {
  records: Record<string, unknown>[];
  totalSize: number;
  batchSize: number;
  lastUsedAt: number;
}

/** Salesforce keeps an idle query cursor for 15 minutes. */
const CURSOR_IDLE_MS = 15 * 60 * 1000;
const MAX_OPEN_CURSORS = 500;

/**
 * Open query cursors: the rest of a query result, served page by page through
 * `nextRecordsUrl` (`/services/data/v{version}/query/{cursorId}-{offset}`).
 */
export class QueryLocators {
  #cursors = new Map<string, Cursor>();
  readonly #ids = new IdGenerator('Dn0');
  readonly #clock: Clock;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  reset(): void {
    this.#cursors.clear();
  }

  /** The first page, opening a cursor when more records remain. */
  firstPage(records: Record<string, unknown>[], totalSize: number, batchSize: number, version: string) {
    if (records.length <= batchSize) return { totalSize, done: true, records };
    this.#expireIdle();
    const id = this.#ids.next('01g');
    const cursor: Cursor = { records, totalSize, batchSize, lastUsedAt: this.#clock.now() };
    this.#cursors.set(id, cursor);
    if (this.#cursors.size > MAX_OPEN_CURSORS) {
      const oldest = this.#cursors.keys().next();
      if (!oldest.done) this.#cursors.delete(oldest.value);
    }
    return this.#page(id, cursor, 0, version);
  }

  /** The page at `{cursorId}-{offset}`; INVALID_QUERY_LOCATOR when unknown or expired. */
  nextPage(locator: string, version: string) {
    this.#expireIdle();
    const [, id, offsetText] = /^([a-zA-Z0-9]{18})-(\d+)$/.exec(locator) ?? [];
    const cursor = id === undefined ? undefined : this.#cursors.get(id);
    const offset = Number(offsetText);
    if (id === undefined || !cursor || offset >= cursor.records.length) {
      throw new SalesforceError('INVALID_QUERY_LOCATOR', 'invalid query locator');
    }
    cursor.lastUsedAt = this.#clock.now();
    return this.#page(id, cursor, offset, version);
  }

  #page(id: string, cursor: Cursor, offset: number, version: string) {
    const end = offset + cursor.batchSize;
    const records = cursor.records.slice(offset, end);
    if (end >= cursor.records.length) {
      this.#cursors.delete(id);
      return { totalSize: cursor.totalSize, done: true, records };
    }
    return {
      totalSize: cursor.totalSize,
      done: false,
      nextRecordsUrl: `/services/data/v${version}/query/${id}-${end}`,
      records,
    };
  }

  #expireIdle(): void {
    const now = this.#clock.now();
    for (const [id, cursor] of this.#cursors) if (now - cursor.lastUsedAt > CURSOR_IDLE_MS) this.#cursors.delete(id);
  }
}
