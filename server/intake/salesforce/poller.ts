import type { Logger } from 'pino';
import type { Db } from '../../store/db';
import type { EventSink } from '../../pipeline/events';
import type { SalesforceSession } from '../../vendors/salesforce/session';
import { sourceEventIds } from '../../pipeline/events';
import { caseQueryFields, caseRowEvent, soqlDateTime, type CaseRow } from './caseQuery';
import { INTAKE_CURSORS, readJsonCursor, writeJsonCursor, type Watermark } from '../intakeState';
import { keysetPoll, POLL_PAGE_SIZE } from './keysetPoll';

export interface CasePollerOptions {
  db: Db;
  /** Where what this brings in is stored (the sync engine's inbox). */
  events: EventSink;
  salesforce: SalesforceSession;
  logger: Logger;
  /** Re-read window for late commits; default 10 s. */
  overlapMs?: number;
}

export interface PollResult {
  queries: number;
  rows: number;
  watermark: Watermark;
}

/**
 * The polling intake for orgs without Change Data Capture: Cases whose SystemModstamp moved
 * past the stored watermark, every field the describe lists, 200 per query. Each row is one
 * inbox event (`poll:<Id>:<SystemModstamp>`, so the same version is never stored twice); the
 * processor finds the changed fields by diffing against its snapshot. Cost: one query per poll
 * while fewer than 200 Cases changed, no per-record calls (the describe is cached).
 */
export class CasePoller {
  readonly #options: CasePollerOptions;

  constructor(options: CasePollerOptions) {
    this.#options = options;
  }

  /** One poll from the stored watermark (or the start date), saving the watermark as it goes. */
  async pollOnce(startDate: Date): Promise<PollResult> {
    const stored = await readJsonCursor<Watermark>(this.#options.db, INTAKE_CURSORS.casePoll);
    const from = stored && Date.parse(stored.ts) >= startDate.getTime() ? stored : { ts: startDate.toISOString(), id: '' };
    return this.#poll(from, startDate, (watermark) => writeJsonCursor(this.#options.db, INTAKE_CURSORS.casePoll, watermark));
  }

  /**
   * Reads every Case changed since `since` without touching the polling watermark: the catch-up
   * after a CDC replay gap, when the stored replayId aged out of the retention window.
   */
  async catchUp(since: Date, startDate: Date): Promise<PollResult> {
    const from = since.getTime() > startDate.getTime() ? since : startDate;
    return this.#poll({ ts: from.toISOString(), id: '' }, startDate, () => Promise.resolve());
  }

  async #poll(from: Watermark, startDate: Date, save: (watermark: Watermark) => Promise<void>): Promise<PollResult> {
    const { events, salesforce } = this.#options;
    const fields = caseQueryFields(await salesforce.describeCase());
    const floor = soqlDateTime(startDate);
    return keysetPoll<CaseRow>({
      field: 'SystemModstamp',
      from,
      overlapMs: this.#options.overlapMs ?? 10_000,
      timestampOf: (row) => row.SystemModstamp,
      query: (condition) =>
        salesforce.run(async (connection) => {
          const soql = `SELECT ${fields.join(', ')} FROM Case WHERE ${condition} AND SystemModstamp >= ${floor} ORDER BY SystemModstamp, Id LIMIT ${POLL_PAGE_SIZE}`;
          const result = await connection.query<CaseRow>(soql, { autoFetch: false });
          return result.records;
        }),
      take: async (row) => {
        await events.record(caseRowEvent(row, 'poll', sourceEventIds.poll(row.Id, row.SystemModstamp)));
      },
      save,
    });
  }
}
