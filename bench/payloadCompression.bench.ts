/**
 * How much smaller the inbox's payloads are as SQLite stores them (server/store/payloadCodec.ts):
 * one day of bench:year's traffic (BENCH_CASE_CHANGES_PER_DAY Case changes, default 2,000, and
 * PagerDuty webhooks in bench:year's proportion) written through the inbox into a fresh SQLite
 * file, then per source the payloads' JSON bytes against their stored bytes.
 * → bench/results/payload-compression.json
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../server/store/db';
import { decodeStoredPayload } from '../server/store/payloadCodec';
import { SYNC_TABLES } from '../server/store/tables';
import { YearTraffic } from './yearTraffic';

const caseChanges = Number(process.env.BENCH_CASE_CHANGES_PER_DAY ?? 2_000);
if (!Number.isInteger(caseChanges) || caseChanges <= 0) throw new Error('BENCH_CASE_CHANGES_PER_DAY must be a positive whole number');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdsc-bench-payloads-'));
const db = await openDatabase({ client: 'sqlite', filename: path.join(dir, 'app.db') });
try {
  // The real clock: the traffic's timestamps do not matter here, only its payloads.
  await new YearTraffic(db).day(Date.now(), { caseChanges }, () => undefined);
  const bySource: Record<string, { events: number; json_bytes: number; stored_bytes: number; ratio: number }> = {};
  const rows = await db(SYNC_TABLES.events).select<{ source: string; payload: unknown }[]>('source', 'payload');
  for (const row of rows) {
    const entry = (bySource[row.source] ??= { events: 0, json_bytes: 0, stored_bytes: 0, ratio: 0 });
    entry.events += 1;
    entry.json_bytes += Buffer.byteLength(decodeStoredPayload(row.payload));
    entry.stored_bytes += typeof row.payload === 'string' ? Buffer.byteLength(row.payload) : (row.payload as Buffer).length;
  }
  for (const entry of Object.values(bySource)) entry.ratio = Math.round((entry.json_bytes / entry.stored_bytes) * 100) / 100;
  const results = {
    bench: 'payload-compression',
    at: new Date().toISOString(),
    node: process.version,
    case_changes: caseChanges,
    by_source: Object.fromEntries(
      Object.entries(bySource).map(([source, entry]) => [
        source,
        { ...entry, json_bytes_per_event: Math.round(entry.json_bytes / entry.events), stored_bytes_per_event: Math.round(entry.stored_bytes / entry.events) },
      ]),
    ),
  };
  console.log(JSON.stringify(results, null, 2));
  fs.writeFileSync(path.join(import.meta.dirname, 'results', 'payload-compression.json'), `${JSON.stringify(results, null, 2)}\n`);
} finally {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
}
