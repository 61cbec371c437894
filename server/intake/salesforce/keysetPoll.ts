import { keysetAfter, soqlDateTime } from './caseQuery';
import type { Watermark } from '../intakeState';

export const POLL_PAGE_SIZE = 200;

export interface KeysetPollOptions<R extends { Id: string }> {
  /** Runs one query with this WHERE condition (ordered by the timestamp field, then Id, LIMIT 200). */
  query: (condition: string) => Promise<R[]>;
  /** The record's timestamp (SystemModstamp, CreatedDate) as Salesforce returned it. */
  timestampOf: (row: R) => string;
  field: string;
  from: Watermark;
  /**
   * The first page re-reads this much before the watermark: a transaction that committed late
   * can carry a timestamp older than records already seen. The inbox drops what was taken before.
   */
  overlapMs: number;
  /** Records one row; resolves once it is stored. */
  take: (row: R) => Promise<void>;
  /** Saves the position after each page (only after its rows were stored). */
  save: (watermark: Watermark) => Promise<void>;
  /** Checked between pages. */
  shouldStop?: () => boolean;
}

/**
 * Reads everything after a watermark in (timestamp, Id) order, 200 records a query: one query
 * when fewer than 200 records changed, one more per further 200. Records are taken in order and
 * the watermark saved after each page, so a crash repeats at most one page (duplicates dropped).
 */
export async function keysetPoll<R extends { Id: string }>(options: KeysetPollOptions<R>): Promise<{ watermark: Watermark; queries: number; rows: number }> {
  const { field } = options;
  let watermark = options.from;
  let condition = `${field} >= ${soqlDateTime(new Date(Date.parse(watermark.ts) - options.overlapMs))}`;
  let queries = 0;
  let rows = 0;
  for (;;) {
    const page = await options.query(condition);
    queries += 1;
    for (const row of page) {
      await options.take(row);
      rows += 1;
      const position = { ts: soqlDateTime(options.timestampOf(row)), id: row.Id };
      if (after(position, watermark)) watermark = position;
    }
    const last = page.at(-1);
    if (page.length < POLL_PAGE_SIZE || !last) break;
    await options.save(watermark);
    if (options.shouldStop?.()) break;
    condition = keysetAfter(field, { ts: soqlDateTime(options.timestampOf(last)), id: last.Id });
  }
  await options.save(watermark);
  return { watermark, queries, rows };
}

function after(a: Watermark, b: Watermark): boolean {
  const ta = Date.parse(a.ts);
  const tb = Date.parse(b.ts);
  return ta > tb || (ta === tb && a.id > b.id);
}
