import { createHash } from 'node:crypto';
import type { Db, Executor } from '../store/db';
import { OWN_WRITES_TABLE } from '../store/tables';

/** What the integration writes as text into the other system. */
export type OwnWriteKind = 'incident_note' | 'case_comment';

interface OwnWriteRow {
  kind: OwnWriteKind;
  target_id: string;
  text_digest: string;
  created_at: Date;
}

/**
 * The notes and Case comments the integration wrote, remembered so that their echo from the
 * other side is recognised without planting anything in the text (customers read and copy it;
 * an invisible character glued to a URL breaks the link). The author tells most echoes apart
 * (echoGuard.ts); this covers the rest: a note webhook that names no agent, a comment by another
 * user on our behalf. A write is remembered before it is sent, so its echo can never arrive
 * first. Only a digest of the text is kept: the customer's words are not stored twice.
 */
export class OwnWrites {
  constructor(private readonly db: Db) {}

  async remember(kind: OwnWriteKind, targetId: string, text: string, trx: Executor = this.db): Promise<void> {
    await trx(OWN_WRITES_TABLE)
      .insert({ kind, target_id: targetKey(kind, targetId), text_digest: digest(text), created_at: new Date() })
      .onConflict(['kind', 'target_id', 'text_digest'])
      .ignore();
  }

  /** Whether the integration wrote this text as a note on the incident / a comment on the Case. */
  async wrote(kind: OwnWriteKind, targetId: string, text: string, trx: Executor = this.db): Promise<boolean> {
    const row = await trx<OwnWriteRow>(OWN_WRITES_TABLE)
      .where({ kind, target_id: targetKey(kind, targetId), text_digest: digest(text) })
      .first('kind');
    return row !== undefined;
  }
}

/** A Case is one record under its 15- and 18-character Ids. */
function targetKey(kind: OwnWriteKind, targetId: string): string {
  return kind === 'case_comment' ? targetId.slice(0, 15) : targetId;
}

/** The same text however the other side stored its line ends and surrounding blanks. */
export function sameTextKey(text: string): string {
  return text.replace(/\r\n?/g, '\n').trim();
}

function digest(text: string): string {
  return createHash('sha256').update(sameTextKey(text)).digest('hex');
}
