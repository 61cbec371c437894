/**
 * SYNC LOG's search on PostgreSQL at BENCH_LOG_ROWS events (default 1,000,000):
 * `npx tsx bench/syncLogSearchPostgres.bench.ts` against TEST_DATABASE_URL (default the test
 * database, postgres://postgres@127.0.0.1:5432/test), in a schema of its own, dropped at the end.
 *
 * bench:year writes its rows through the store code into SQLite; written that way, a million
 * rows into PostgreSQL would take most of an hour. Here the rows are generated in SQL, shaped as
 * bench:year's (yearTraffic.ts): Salesforce Case events with zero-padded Case numbers and one
 * processing job, PagerDuty incident events with their processing job and a Case update, a few
 * dead jobs with an error. The reader then answers the same queries as in bench:year (in
 * process: the SQL, without HTTP), with the trigram indexes and, for comparison, without them.
 * Results: bench/results/sync-log-search-postgres.json.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory from 'knex';
import { syncLogQuery, type SyncLogQuery } from '../contracts/syncLog';
import { SyncLogReader } from '../server/http/views/syncLog';
import { openDatabase } from '../server/store/db';
import { createTrigramIndexes, dropTrigramIndexes } from '../server/store/syncLogSearch';
import { SYNC_TABLES } from '../server/store/tables';
import { POSTGRES_URL } from '../server/testing/databases';

const raw = process.env.BENCH_LOG_ROWS;
const events = raw ? Number(raw) : 1_000_000;
if (!Number.isInteger(events) || events <= 0) throw new Error('BENCH_LOG_ROWS must be a positive whole number');
const samples = Number(process.env.BENCH_QUERY_SAMPLES ?? 20);

const round = (value: number) => Math.round(value * 10) / 10;
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

const schema = `bench_${crypto.randomBytes(4).toString('hex')}`;
const admin = knexFactory({ client: 'pg', connection: POSTGRES_URL, pool: { min: 0, max: 1 } });
await admin.raw(`CREATE SCHEMA ${schema}`);
await admin.destroy();
const db = await openDatabase({ client: 'pg', connectionString: POSTGRES_URL }, { searchPath: schema });

try {
  console.log(`bench:search-postgres in schema ${schema}: ${events} events`);
  // Rows first, indexes after (as the migration builds them for a store that has rows).
  await dropTrigramIndexes(db);
  const writeStarted = performance.now();
  // One event a minute back from now; every third from PagerDuty. Case numbers run 00000001… as
  // Salesforce's do, so most trigrams of a searched number are shared by thousands of rows.
  await db.raw(
    `INSERT INTO ${SYNC_TABLES.events} (source, source_event_id, kind, case_id, case_number, incident_id, incident_number, payload, status, note, occurred_at, received_at, processed_at)
     SELECT CASE WHEN n % 3 = 0 THEN 'pagerduty' ELSE 'salesforce' END, 'bench:' || n,
            CASE WHEN n % 3 = 0 THEN 'incident.acknowledged' WHEN n % 3 = 1 THEN 'case.update' ELSE 'case.create' END,
            '5000000000' || lpad(n::text, 8, '0'), lpad((n / 2)::text, 8, '0'),
            CASE WHEN n % 3 = 0 THEN 'Q' || n END, CASE WHEN n % 3 = 0 THEN (n / 3)::text END,
            '{}', 'processed', NULL, t, t, t
     FROM generate_series(1, ?::int) AS n, LATERAL (SELECT now() - (? - n) * interval '1 minute' AS t) AS at`,
    [events, events],
  );
  await db.raw(
    `INSERT INTO ${SYNC_TABLES.jobs} (task, payload, job_key, event_id, state, attempts, max_attempts, run_at, last_error, case_number, incident_number, created_at, updated_at, finished_at)
     SELECT j.task, '{}', j.task || ':' || e.id, e.id, j.state, 1, 5, e.received_at,
            CASE WHEN j.state = 'dead' THEN 'PagerDuty answered 429: Rate limit exceeded' END,
            e.case_number, e.incident_number, e.received_at, e.received_at, e.received_at
     FROM ${SYNC_TABLES.events} e
     CROSS JOIN LATERAL (VALUES ('process_event', 'done'), (CASE WHEN e.source = 'pagerduty' THEN 'update_case' END, CASE WHEN e.id % 997 = 0 THEN 'dead' ELSE 'done' END)) AS j(task, state)
     WHERE j.task IS NOT NULL`,
  );
  const writeSeconds = (performance.now() - writeStarted) / 1000;
  const buildStarted = performance.now();
  await createTrigramIndexes(db);
  const buildSeconds = (performance.now() - buildStarted) / 1000;
  await db.raw('ANALYZE');
  const jobs = Number(((await db(SYNC_TABLES.jobs).count({ n: '*' }).first()) as { n: string }).n);
  const middle = await db(SYNC_TABLES.events)
    .where('source', 'salesforce')
    .orderBy('id')
    .offset(Math.floor(events / 3))
    .first<{ case_number: string }>('case_number');

  const queries: Record<string, SyncLogQuery> = {
    first_page: {},
    search_case_number: { q: middle.case_number },
    status_done_search: { status: 'done', q: 'checkout' },
    search_common_word: { q: 'incident' },
    source_pagerduty: { source: 'pagerduty' },
  };
  const reader = new SyncLogReader(db);
  async function timed(query: SyncLogQuery) {
    const times: number[] = [];
    for (let index = 0; index < samples + 3; index++) {
      const started = performance.now();
      await reader.page(syncLogQuery.parse({ ...query, limit: 50 }), () => '');
      if (index >= 3) times.push(performance.now() - started);
    }
    return { p50_ms: round(percentile(times, 50)), p95_ms: round(percentile(times, 95)), max_ms: round(Math.max(...times)) };
  }
  const measure = async () => {
    const results: Record<string, { query: SyncLogQuery; p50_ms: number; p95_ms: number; max_ms: number }> = {};
    for (const [name, query] of Object.entries(queries)) {
      results[name] = { query, ...(await timed(query)) };
      console.log(name, results[name]);
    }
    return results;
  };

  const indexed = await measure();
  // Without the indexes: as a PostgreSQL where pg_trgm could not be created searches.
  await dropTrigramIndexes(db);
  const unindexedReader = new SyncLogReader(db, { index: false });
  const unindexed: Record<string, { p50_ms: number; p95_ms: number; max_ms: number }> = {};
  for (const name of ['search_case_number', 'status_done_search'] as const) {
    const times: number[] = [];
    for (let index = 0; index < 5; index++) {
      const started = performance.now();
      await unindexedReader.page(syncLogQuery.parse({ ...queries[name], limit: 50 }), () => '');
      times.push(performance.now() - started);
    }
    unindexed[name] = { p50_ms: round(percentile(times, 50)), p95_ms: round(percentile(times, 95)), max_ms: round(Math.max(...times)) };
    console.log('without the index', name, unindexed[name]);
  }
  const version = ((await db.raw<{ rows: { server_version: string }[] }>('SHOW server_version')).rows[0]?.server_version ?? '?').split(' ')[0];
  const results = {
    command: `${raw ? `BENCH_LOG_ROWS=${raw} ` : ''}npx tsx bench/syncLogSearchPostgres.bench.ts`,
    events,
    jobs,
    rows_written_seconds: round(writeSeconds),
    goal_p95_ms_at_most: 150,
    samples_per_query: samples,
    load_average_before: os.loadavg().map(round),
    indexed,
    without_trigram_indexes: unindexed,
    trigram_index_build_seconds: round(buildSeconds),
    machine: { cpus: os.cpus().length, node: process.version, postgres: version, note: 'in process (no HTTP); PostgreSQL on the same 2 shared cores' },
  };
  const out = path.join(import.meta.dirname, 'results', 'sync-log-search-postgres.json');
  fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`wrote ${out}`);
} finally {
  await db.raw(`DROP SCHEMA ${schema} CASCADE`);
  await db.destroy();
}
