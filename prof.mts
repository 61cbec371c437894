import fs from 'node:fs';
import { openDatabase } from './server/store/db';
import { SyncLogReader } from './server/http/views/syncLog';
import { parseInput } from './server/http/validate';
import { syncLogQuery } from './contracts/syncLog';
import { YearTraffic } from './bench/yearTraffic';
const file = '/tmp/prof-year/app.db';
const fresh = !fs.existsSync(file);
fs.mkdirSync('/tmp/prof-year', { recursive: true });
const db = await openDatabase({ client: 'sqlite', filename: file });
if (fresh) { const t = new YearTraffic(db); let at = Date.now() - 6 * 86400000; for (let d = 0; d < 5; d++) await t.day(at + d * 86400000, { caseChanges: 2000 }, () => {}); }
const reader = new SyncLogReader(db);
const caseUrlOf = (id: string) => `x/${id}`;
let queries: { sql: string; bindings: unknown[] }[] = [];
db.on('query', (q: { sql: string; bindings: unknown[] }) => queries.push(q));
const cn = (await db('inbox_events').orderBy('id').offset(3000).first('case_number')).case_number;
for (const qs of [{ limit: '50' }, { limit: '50', source: 'pagerduty' }, { limit: '50', q: cn }, { limit: '50', kind: 'create_incident' }, { limit: '50', status: 'done', q: 'checkout' }]) {
  const f = parseInput(syncLogQuery, qs);
  let t = 0;
  for (let i = 0; i < 3; i++) { queries = []; const s = performance.now(); await reader.page(f, caseUrlOf as never); t = performance.now() - s; }
  console.log(JSON.stringify(qs), t.toFixed(1), 'ms');
  if (process.argv[2]) for (const q of [...queries]) { const plan = await db.raw('EXPLAIN QUERY PLAN ' + q.sql, q.bindings as never); console.log('  ', q.sql.slice(0, 120), '\n    ', (plan as { detail: string }[]).map((r) => r.detail).join(' | ')); }
}
await db.destroy();
