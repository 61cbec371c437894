import type { Knex } from 'knex';
import type { IntakeNotice } from '../../contracts/sync';
import { readCursor, writeCursor } from '../store/cursors';
import type { Db } from '../store/db';
import { toDate } from '../store/db';
import { readSetting, writeSetting } from '../store/settings';
import { SYNC_TABLES } from '../store/tables';

/** Cursor names of the Salesforce intake (rows of `cursors`). */
export const INTAKE_CURSORS = {
  cdc: 'salesforce-cdc',
  casePoll: 'salesforce-case-poll',
  commentPoll: 'salesforce-comment-poll',
} as const;

/** The lease that makes one instance the Salesforce intake leader (CDC subscription and pollers). */
export const INTAKE_LEASE = 'salesforce-cdc';

/** A keyset position: (timestamp, Id) of the last record taken. */
export interface Watermark {
  ts: string;
  id: string;
}

export interface CdcPosition {
  replayId: number;
  /** Epoch ms of the last recorded event's commit: where a catch-up poll starts after a replay gap. */
  commitTimestamp: number;
}

export async function readJsonCursor<T>(db: Db, name: string): Promise<T | undefined> {
  const value = await readCursor(db, name);
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value) as T;
  } catch {
    return undefined;
  }
}

export async function writeJsonCursor(db: Db | Knex.Transaction, name: string, value: unknown): Promise<void> {
  await writeCursor(db, name, JSON.stringify(value));
}

export async function deleteCursor(db: Db, name: string): Promise<void> {
  await db(SYNC_TABLES.cursors).where({ name }).delete();
}

/** When a cursor last moved (its row's updated_at). */
export async function cursorUpdatedAt(db: Db, name: string): Promise<Date | null> {
  const row = await db(SYNC_TABLES.cursors).where({ name }).first<{ updated_at: Date | string } | undefined>('updated_at');
  return row ? toDate(row.updated_at) : null;
}

const NOTICES_KEY = 'salesforce_intake_notices';
const MAX_NOTICES = 10;

/**
 * Problems of the intake that the admin should see on SUMMARY (a replay gap, a failing
 * subscription). Stored, not kept in memory, so every instance's SUMMARY shows the leader's.
 */
export async function addIntakeNotice(db: Db, notice: Omit<IntakeNotice, 'at'>, now: Date = new Date()): Promise<void> {
  const notices = (await readSetting<IntakeNotice[]>(db, NOTICES_KEY)) ?? [];
  await writeSetting(db, NOTICES_KEY, [{ ...notice, at: now.toISOString() }, ...notices].slice(0, MAX_NOTICES));
}

export async function readIntakeNotices(db: Db): Promise<IntakeNotice[]> {
  return (await readSetting<IntakeNotice[]>(db, NOTICES_KEY)) ?? [];
}

/** The notices of the last day, newest first: what SUMMARY shows. */
export async function readRecentIntakeNotices(db: Db, now: Date = new Date(), withinMs = 24 * 3_600_000): Promise<IntakeNotice[]> {
  const since = now.getTime() - withinMs;
  return (await readIntakeNotices(db)).filter((notice) => Date.parse(notice.at) >= since);
}
