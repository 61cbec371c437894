/**
 * `npm run bench:year`: a year in production for a busy org, compressed.
 *
 * 1. A year (BENCH_YEAR_DAYS, default 365) of traffic (BENCH_CASE_CHANGES_PER_DAY, default
 *    10,000 Case changes and so 5,000 PagerDuty events a day; see yearTraffic.ts) is written
 *    through the app's store code into a SQLite store, on a simulated clock, with the retention
 *    pass (RETENTION_DAYS 30, the app's RetentionSchedule with its lease) run once a simulated
 *    day. Measured: the file's size (goal < 1 GB) and each pass's time.
 * 2. Traffic goes on without retention until SYNC LOG holds BENCH_LOG_ROWS events (default
 *    1,000,000). The app (real handlers, real HTTP) then serves SYNC LOG's first page and
 *    filtered searches (goal p95 ≤ 150 ms), and the CSV export of every row, read as it streams
 *    (goal: RSS growth ≤ 50 MB).
 * 3. The retention pass that catches up (everything older than 30 days), and the file after it.
 *
 * Results: bench/results/year.json (with the command and the scale that ran), or the file
 * BENCH_YEAR_RESULTS names (a run at another scale kept beside it).
 * BENCH_YEAR_KEEP=1 keeps a copy of the database directory (`<dir>-kept`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { openDatabase, type Db } from '../server/store/db';
import { RetentionSchedule } from '../server/store/retentionSchedule';
import type { RetentionReport } from '../server/store/retention';
import { SYNC_TABLES } from '../server/store/tables';
import { startTestServer } from '../server/testing/harness';
import { YearTraffic } from './yearTraffic';

const DAY = 86_400_000;
const RETENTION_DAYS = 30;

function numberFrom(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number`);
  return value;
}

const yearDays = numberFrom('BENCH_YEAR_DAYS', 365);
const caseChanges = numberFrom('BENCH_CASE_CHANGES_PER_DAY', 10_000);
const logRows = numberFrom('BENCH_LOG_ROWS', 1_000_000);
const samples = numberFrom('BENCH_QUERY_SAMPLES', 40);

/**
 * The simulated clock: every `new Date()` and `Date.now()` of the store code reads it, so rows are
 * stamped through the simulated year while real time flows on inside each step. `instanceof Date`
 * keeps answering for dates made before the swap.
 */
const RealDate = Date;
let offsetMs = 0;
class SimulatedDate extends RealDate {
  constructor(...args: unknown[]) {
    if (args.length === 0) super(RealDate.now() + offsetMs);
    else super(...(args as [string]));
  }
  static override now(): number {
    return RealDate.now() + offsetMs;
  }
  static override [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof RealDate;
  }
}
globalThis.Date = SimulatedDate as DateConstructor;
const setClock = (at: number) => {
  offsetMs = at - RealDate.now();
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdsc-bench-year-'));
const filename = path.join(dir, 'app.db');
const logger = pino({ level: 'silent' });
const start = RealDate.UTC(2026, 0, 1);

function fileSize(): number {
  let total = 0;
  for (const suffix of ['', '-wal', '-shm']) if (fs.existsSync(filename + suffix)) total += fs.statSync(filename + suffix).size;
  return total;
}

async function settledSize(db: Db): Promise<number> {
  await db.raw('PRAGMA wal_checkpoint(TRUNCATE)');
  return fileSize();
}

async function count(db: Db, table: string): Promise<number> {
  const row = (await db(table).count({ n: '*' }).first()) as { n: number | string } | undefined;
  return Number(row?.n ?? 0);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const mb = (bytes: number) => round(bytes / 1_048_576);

console.log(`bench:year in ${dir}: ${yearDays} days of ${caseChanges} Case changes a day, retention ${RETENTION_DAYS} days`);
let db = await openDatabase({ client: 'sqlite', filename });
const traffic = new YearTraffic(db);
const retention = new RetentionSchedule({ db, logger, retentionDays: RETENTION_DAYS, instanceId: 'bench' });

// 1. The year, with a retention pass at the end of each day.
const passes: { day: number; ms: number; reclaimMs: number; deleted: number; reclaimedMb: number }[] = [];
let maxSize = 0;
let eventsWritten = 0;
const writeStarted = performance.now();
for (let day = 0; day < yearDays; day++) {
  const dayStart = start + day * DAY;
  eventsWritten += await traffic.day(dayStart, { caseChanges }, setClock);
  setClock(dayStart + DAY - 30_000);
  const report = (await retention.run(new Date())) as RetentionReport;
  passes.push({
    day,
    ms: report.durationMs,
    reclaimMs: report.reclaimMs,
    deleted: Object.values(report.deleted).reduce((sum, n) => sum + n, 0),
    reclaimedMb: mb(report.reclaimedBytes),
  });
  const size = await settledSize(db);
  maxSize = Math.max(maxSize, size);
  if (day % 10 === 9 || day === yearDays - 1)
    console.log(
      `day ${day + 1}: ${eventsWritten} events written, store ${mb(size)} MB (max ${mb(maxSize)} MB), last pass ${round(report.durationMs)} ms deleting ${passes.at(-1)?.deleted}`,
    );
}
const writeSeconds = (performance.now() - writeStarted) / 1000;
const steadyPasses = passes.filter((pass) => pass.day >= RETENTION_DAYS);
const yearResult = {
  days: yearDays,
  case_changes_per_day: caseChanges,
  events_written: eventsWritten,
  write_seconds: round(writeSeconds),
  store_mb_end: mb(await settledSize(db)),
  store_mb_max: mb(maxSize),
  rows_end: {
    inbox_events: await count(db, SYNC_TABLES.events),
    jobs: await count(db, SYNC_TABLES.jobs),
    links: await count(db, SYNC_TABLES.links),
    snapshots: await count(db, SYNC_TABLES.snapshots),
  },
  daily_pass_ms_p50: round(
    percentile(
      steadyPasses.map((pass) => pass.ms),
      50,
    ),
  ),
  daily_pass_ms_p95: round(
    percentile(
      steadyPasses.map((pass) => pass.ms),
      95,
    ),
  ),
  daily_pass_ms_max: round(Math.max(0, ...steadyPasses.map((pass) => pass.ms))),
  daily_pass_reclaim_ms_p50: round(
    percentile(
      steadyPasses.map((pass) => pass.reclaimMs),
      50,
    ),
  ),
  daily_pass_rows_deleted_p50: percentile(
    steadyPasses.map((pass) => pass.deleted),
    50,
  ),
  daily_passes_counted: steadyPasses.length,
};
console.log(yearResult);

// 2. SYNC LOG at BENCH_LOG_ROWS events: traffic goes on without retention.
let day = yearDays;
while ((await count(db, SYNC_TABLES.events)) < logRows) {
  await traffic.day(start + day * DAY, { caseChanges }, setClock);
  day++;
  if (day % 10 === 0) console.log(`growing the log: ${await count(db, SYNC_TABLES.events)} events`);
}
setClock(start + day * DAY);
const logEvents = await count(db, SYNC_TABLES.events);
const logJobs = await count(db, SYNC_TABLES.jobs);
const sizeAtLog = await settledSize(db);
await db.destroy();

const server = await startTestServer({ DATA_DIR: dir, LOG_LEVEL: 'silent', RETENTION_DAYS: String(RETENTION_DAYS) });
const session = await server.signIn();
const headers = { cookie: session.cookie, accept: 'application/json' };
const oldCase = await server.ctx
  .db(SYNC_TABLES.events)
  .where('source', 'salesforce')
  .orderBy('id')
  .offset(Math.floor(logEvents / 2))
  .first<{ case_number: string }>('case_number');

async function timed(route: string): Promise<number[]> {
  const times: number[] = [];
  for (let index = 0; index < samples + 3; index++) {
    const started = performance.now();
    const reply = await fetch(`${server.url}${route}`, { headers });
    const body = (await reply.json()) as { entries?: unknown[] };
    const ms = performance.now() - started;
    if (!reply.ok || !Array.isArray(body.entries)) throw new Error(`${route} answered ${reply.status}`);
    if (index >= 3) times.push(ms); // the first three warm the caches
  }
  return times;
}

const loadBeforeQueries = os.loadavg().map((load) => round(load));
const queries: Record<string, string> = {
  first_page: '/api/sync/log?limit=50',
  search_case_number: `/api/sync/log?limit=50&q=${oldCase.case_number}`,
  source_pagerduty: '/api/sync/log?limit=50&source=pagerduty',
  kind_create_incident: '/api/sync/log?limit=50&kind=create_incident',
  status_dead: '/api/sync/log?limit=50&status=dead',
  status_done_search: '/api/sync/log?limit=50&status=done&q=checkout',
  // A word most rows hold (every incident task and kind): the search walks the log instead of the index.
  search_common_word: '/api/sync/log?limit=50&q=incident',
};
const syncLog: Record<string, { route: string; p50_ms: number; p95_ms: number; max_ms: number }> = {};
for (const [name, route] of Object.entries(queries)) {
  const times = await timed(route);
  syncLog[name] = { route, p50_ms: round(percentile(times, 50)), p95_ms: round(percentile(times, 95)), max_ms: round(Math.max(...times)) };
  console.log(name, syncLog[name]);
}

// The CSV export of every row, read as it streams; RSS sampled while it runs.
global.gc?.();
const rssBefore = process.memoryUsage().rss;
let rssMax = rssBefore;
const sampler = setInterval(() => {
  rssMax = Math.max(rssMax, process.memoryUsage().rss);
}, 50);
const csvStarted = performance.now();
const csvReply = await fetch(`${server.url}/api/sync/log.csv`, { headers: { cookie: session.cookie } });
if (!csvReply.ok || !csvReply.body) throw new Error(`the CSV export answered ${csvReply.status}`);
let csvBytes = 0;
let csvLines = 0;
for await (const chunk of csvReply.body as unknown as AsyncIterable<Uint8Array>) {
  csvBytes += chunk.byteLength;
  for (const byte of chunk) if (byte === 10) csvLines++;
}
clearInterval(sampler);
rssMax = Math.max(rssMax, process.memoryUsage().rss);
const csv = {
  lines_without_header: csvLines - 1,
  event_rows: logEvents,
  mb: mb(csvBytes),
  seconds: round((performance.now() - csvStarted) / 1000),
  rss_before_mb: mb(rssBefore),
  rss_max_mb: mb(rssMax),
  rss_growth_mb: mb(rssMax - rssBefore),
};
console.log('csv', csv);

// 3. The pass that catches up with everything older than 30 days, and the file after it (on the
// app's own connection: closing the test server removes its data directory).
db = server.ctx.db;
const catchUp = (await new RetentionSchedule({ db, logger, retentionDays: RETENTION_DAYS, instanceId: 'bench' }).run(new Date())) as RetentionReport;
const catchUpResult = {
  ms: round(catchUp.durationMs),
  rows_deleted: catchUp.deleted,
  batches: catchUp.batches,
  reclaimed_mb: mb(catchUp.reclaimedBytes),
  reclaim_ms: round(catchUp.reclaimMs),
  store_mb_before: mb(sizeAtLog),
  store_mb_after: mb(await settledSize(db)),
};
console.log('catch-up pass', catchUpResult);
if (process.env.BENCH_YEAR_KEEP === '1') fs.cpSync(dir, `${dir}-kept`, { recursive: true });
await server.close();

const results = {
  command: `${Object.entries(process.env)
    .filter(([name]) => name.startsWith('BENCH_'))
    .map(([name, value]) => `${name}=${value} `)
    .join('')}npm run bench:year`,
  scale_note:
    yearDays === 365 && caseChanges === 10_000 && logRows === 1_000_000
      ? 'full scale'
      : `reduced scale: ${yearDays} days (the issue: 365), ${caseChanges} Case changes a day (10,000), ${logRows} SYNC LOG events (1,000,000)`,
  retention_days: RETENTION_DAYS,
  goals: { store_mb_under: 1024, sync_log_p95_ms_at_most: 150, csv_rss_growth_mb_at_most: 50 },
  year: yearResult,
  sync_log: { events: logEvents, jobs: logJobs, samples_per_query: samples, load_average_before: loadBeforeQueries, queries: syncLog },
  csv_export: csv,
  catch_up_pass: catchUpResult,
  machine: {
    cpus: os.cpus().length,
    node: process.version,
    load_average_at_end: os.loadavg().map((load) => round(load)),
    note: 'shared with other work: timings are upper bounds',
  },
};
const out = path.resolve(process.env.BENCH_YEAR_RESULTS ?? path.join(import.meta.dirname, 'results', 'year.json'));
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(`wrote ${out}`);
fs.rmSync(dir, { recursive: true, force: true });
