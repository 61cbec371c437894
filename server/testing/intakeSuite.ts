import crypto from 'node:crypto';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startSalesforceEmulator, type SalesforceEmulator } from '../../emulators/salesforce';
import { SecretBox } from '../security/secrets';
import { ConnectionStore } from '../store/connections';
import type { Db } from '../store/db';
import { parseStoredPayload } from '../store/payloadCodec';
import { SYNC_TABLES } from '../store/tables';
import { composeSync } from '../compose';
import type { CaseChangePayload, CaseCommentPayload, EventSink } from '../pipeline/events';
import type { SalesforceSession } from '../vendors/salesforce/session';
import { createTestDatabase, type TestDatabase } from './databases';
import { eventually } from './eventually';

/** Test helpers for the intake suites: an engine (worker not started) connected to an emulator. */

/** One key for the whole test process: several engines may share a database. */
const TEST_SECRET_KEY = crypto.randomBytes(32);

export const quietLogger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

export async function startEmulator(): Promise<SalesforceEmulator> {
  return startSalesforceEmulator({ port: 0, host: '127.0.0.1', seed: 'demo' });
}

/** What every Salesforce intake part is built with: where its events go, and the Salesforce session. */
export interface IntakeDeps {
  events: EventSink;
  salesforce: SalesforceSession;
}

/**
 * A sync engine over `db` and a Salesforce session connected to the emulator as its integration
 * user. The worker is not started: events stay in the inbox unless processed at intake (which
 * needs nothing it lacks).
 */
export async function intakeDepsFor(db: Db, emulator: SalesforceEmulator): Promise<IntakeDeps> {
  const connections = new ConnectionStore(db, new SecretBox(TEST_SECRET_KEY));
  const seed = emulator.seedInfo();
  const integration = seed.users.find((user) => user.role === 'integration')!;
  await connections.saveSalesforce({
    ...(await connections.salesforce()),
    authMode: 'password',
    environment: 'custom',
    loginUrl: emulator.url,
    username: integration.username,
    password: integration.password,
    securityToken: integration.securityToken,
  });
  const { sync, sessions } = composeSync({ db, connections, logger: quietLogger });
  return { events: sync, salesforce: sessions.salesforce };
}

export interface IntakeSuite {
  emulator: SalesforceEmulator;
  database: TestDatabase;
  intake: IntakeDeps;
}

/**
 * Registers the hooks the intake suites share: one emulator for the file, and per test a fresh
 * demo seed and SQLite database, handed to `use` once ready (the database is dropped after each
 * test). Hooks a suite registers after this call run after these before each test, and before
 * them after each test.
 */
export function useEmulatorAndDatabase(use: (suite: Omit<IntakeSuite, 'intake'>) => unknown): void {
  let emulator: SalesforceEmulator | undefined;
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => {
    await emulator?.close();
  });
  beforeEach(async () => {
    emulator!.reset('demo');
    database = await createTestDatabase('sqlite');
    await use({ emulator: emulator!, database });
  });
  afterEach(async () => {
    await database?.drop();
  });
}

/** `useEmulatorAndDatabase`, plus an engine over the database per test. */
export function useIntakeSuite(use: (suite: IntakeSuite) => void): void {
  useEmulatorAndDatabase(async ({ emulator, database }) => use({ emulator, database, intake: await intakeDepsFor(database.db, emulator) }));
}

export interface StoredEvent<P> {
  source: string;
  sourceEventId: string;
  kind: string;
  caseId: string | null;
  caseNumber: string | null;
  payload: P;
}

export async function inboxEvents<P = CaseChangePayload | CaseCommentPayload>(
  db: Db,
  where: { caseId?: string; kind?: string } = {},
): Promise<StoredEvent<P>[]> {
  const query = db(SYNC_TABLES.events).orderBy('id');
  if (where.caseId) query.where({ case_id: where.caseId });
  if (where.kind) query.where({ kind: where.kind });
  const rows = await query;
  return rows.map((row: Record<string, unknown>) => ({
    source: row.source as string,
    sourceEventId: row.source_event_id as string,
    kind: row.kind as string,
    caseId: row.case_id as string | null,
    caseNumber: row.case_number as string | null,
    payload: parseStoredPayload(row.payload) as P,
  }));
}

/**
 * A start date after the seed: the demo seed stamps its newest Case with the moment of the reset,
 * so this waits for the clock to pass that moment (a millisecond at most) and answers now.
 */
export async function dateAfterSeed(emulator: SalesforceEmulator): Promise<Date> {
  const stamps = [...emulator.store.records('Case')].map((record) => Date.parse(String(record.SystemModstamp)));
  const seededAt = Math.max(...stamps);
  await eventually(() => Date.now() > seededAt, 'the clock to pass the moment of the seed');
  return new Date();
}

/** The emulator's REST API as a named seeded user (a human agent by default), through fetch. */
export async function restAs(emulator: SalesforceEmulator, userKey = 'agent1') {
  const user = emulator.seedInfo().users.find((candidate) => candidate.key === userKey)!;
  const { default: jsforce } = await import('@jsforce/jsforce-node');
  const conn = new jsforce.Connection({ loginUrl: emulator.url, version: '62.0' });
  await conn.login(user.username, user.password + user.securityToken);
  return conn;
}
