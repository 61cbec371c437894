import type { Logger } from 'pino';
import type { Db } from '../../store/db';
import type { EventSink } from '../../pipeline/events';
import type { SalesforceSession } from '../../vendors/salesforce/session';
import { sourceEventIds, type CaseCommentPayload } from '../../pipeline/events';
import { parseSalesforceDate } from './caseQuery';
import { deleteCursor, INTAKE_CURSORS, readJsonCursor, writeJsonCursor, type Watermark } from '../intakeState';
import { keysetPoll, POLL_PAGE_SIZE } from './keysetPoll';

interface CommentRow {
  Id: string;
  ParentId: string;
  CommentBody: string | null;
  IsPublished: boolean;
  CreatedById: string;
  CreatedBy: { Name?: string | null } | null;
  CreatedDate: string;
}

export interface CommentPollerOptions {
  db: Db;
  /** Where what this brings in is stored (the sync engine's inbox). */
  events: EventSink;
  salesforce: SalesforceSession;
  logger: Logger;
  /** Re-read window for late commits; default 10 s. */
  overlapMs?: number;
  now?: () => Date;
}

/**
 * Case comments reach the engine by polling: Change Data Capture does not cover CaseComment.
 * Comments created after the watermark, 200 per query, each one inbox event
 * (`comment:<Id>`, kind `case_comment.create`). The watermark starts at the moment comment sync
 * is switched on, so turning it on never imports years of history; switching it off forgets
 * the watermark. Cost: one query per poll while fewer than 200 comments arrived.
 */
export class CommentPoller {
  readonly #options: CommentPollerOptions;

  constructor(options: CommentPollerOptions) {
    this.#options = options;
  }

  /** Comment sync is off: forget the position, so switching it on starts from that moment. */
  async disable(): Promise<void> {
    await deleteCursor(this.#options.db, INTAKE_CURSORS.commentPoll);
  }

  /** One poll; the first poll after comment sync was switched on only sets the watermark to now. */
  async pollOnce(): Promise<{ queries: number; rows: number }> {
    const { db, events, salesforce } = this.#options;
    const stored = await readJsonCursor<Watermark>(db, INTAKE_CURSORS.commentPoll);
    if (!stored) {
      const now = (this.#options.now ?? (() => new Date()))();
      await writeJsonCursor(db, INTAKE_CURSORS.commentPoll, { ts: now.toISOString(), id: '' } satisfies Watermark);
      return { queries: 0, rows: 0 };
    }
    const result = await keysetPoll<CommentRow>({
      field: 'CreatedDate',
      from: stored,
      overlapMs: this.#options.overlapMs ?? 10_000,
      timestampOf: (row) => row.CreatedDate,
      query: (condition) =>
        salesforce.run(async (connection) => {
          const soql = `SELECT Id, ParentId, CommentBody, IsPublished, CreatedById, CreatedBy.Name, CreatedDate FROM CaseComment WHERE ${condition} ORDER BY CreatedDate, Id LIMIT ${POLL_PAGE_SIZE}`;
          const result = await connection.query<CommentRow>(soql, { autoFetch: false });
          return result.records;
        }),
      take: async (row) => {
        const payload: CaseCommentPayload = {
          commentId: row.Id,
          caseId: row.ParentId,
          body: row.CommentBody ?? '',
          isPublished: row.IsPublished,
          createdById: row.CreatedById,
          createdByName: row.CreatedBy?.Name ?? null,
          createdDate: row.CreatedDate,
        };
        await events.record({
          source: 'salesforce',
          sourceEventId: sourceEventIds.comment(row.Id),
          kind: 'case_comment.create',
          payload,
          caseId: row.ParentId,
          occurredAt: parseSalesforceDate(row.CreatedDate),
        });
      },
      save: (watermark) => writeJsonCursor(db, INTAKE_CURSORS.commentPoll, watermark),
    });
    return { queries: result.queries, rows: result.rows };
  }
}
