/**
 * `npm run bench:pipeline`: Case changes made in the Salesforce emulator flow through the whole
 * app (CDC intake → inbox → rules → jobs → PagerDuty REST) to incidents in the PagerDuty
 * emulator. Everything runs in one process on this machine, as `npm start` runs it.
 *
 * Phases
 * 1. Floor: the same number of bare `POST /incidents` from a tight client (as many in flight as
 *    the engine's worker runs jobs), against a PagerDuty emulator of its own started first in
 *    this process, so no webhook traffic or app work competes with it.
 * 2. Pipeline: EVENTS Cases created at once (a burst). Latency of a Case = incident created −
 *    Case committed. The floor's latency is measured the same way: from the moment the whole
 *    burst is queued in the client to each response, so both include waiting their turn.
 * 3. Budget burst: PagerDuty's limit set to 960/min; BURST_EVENTS Cases at once; the 429s the
 *    emulator answered and the share of the first minute's budget the engine used.
 *
 * Writes bench/results/pipeline.json and prints a table.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Ruleset } from '../rules';
import { startPagerDutyEmulator } from '../emulators/pagerduty';
import { startDemoApp, eventually } from '../server/testing/demoApp';
import { RulesetStore } from '../server/store/rulesets';
import { SYNC_TABLES } from '../server/store/tables';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 2000);
const BURST_EVENTS = Number(process.env.BENCH_BURST_EVENTS ?? 1100);
const CONCURRENCY = 8;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};
const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

async function main(): Promise<void> {
  // ── 1. Floor ─────────────────────────────────────────────────────────────────────────
  const floorEmulator = await startPagerDutyEmulator({ seed: 'demo', rateLimitPerMinute: false });
  const floorSeed = floorEmulator.seedInfo();
  const floor = await floorRun(floorEmulator.url, floorSeed.keys.account, floorSeed.integrationUserEmail, floorSeed.ids.services['Salesforce Sync']!, EVENTS);
  await floorEmulator.close();

  const app = await startDemoApp({ LOG_LEVEL: 'error' });
  const pd = app.emulators.pagerduty;
  const sf = app.emulators.salesforce;
  const pdSeed = pd.seedInfo();
  const sfSeed = sf.seedInfo();
  const agent = sfSeed.users.find((user) => user.role === 'agent')!;
  const integration = sfSeed.users.find((user) => user.role === 'integration')!;
  const serviceId = pdSeed.ids.services['Customer Support']!;
  try {
    pd.context.rateLimiter.configure(false);
    const ruleset: Ruleset = {
      id: 'bench',
      name: 'Benchmark: every Case pages Support',
      enabled: true,
      position: 0,
      rules: [
        {
          id: 'page',
          name: 'High priority → incident',
          runOn: { kind: 'case', on: 'create' },
          conditions: [{ field: 'Case.Priority', operator: 'equals', value: 'High' }],
          filterLogic: { kind: 'all' },
          actions: [{ type: 'create_incident', serviceId, urgency: 'high' }],
          stopProcessing: false,
        },
      ],
    };
    await new RulesetStore(app.ctx.db).save(ruleset);
    // Let intake subscribe and the engine warm up (describe cached, rules compiled) on one Case.
    await runBurst(app, 1, 'warm-up');

    // ── 2. Pipeline ──────────────────────────────────────────────────────────────────────
    const sfBefore = sf.context.requestLog.counts().byPrincipal[integration.username] ?? 0;
    const pdBefore = pd.context.requestLog.counts().total;
    const pipeline = await runBurst(app, EVENTS, 'bench');
    const sfCalls = (sf.context.requestLog.counts().byPrincipal[integration.username] ?? 0) - sfBefore;
    const pdCalls = pd.context.requestLog.counts().total - pdBefore;

    // ── 3. Budget burst at 960/min (BENCH_BURST_EVENTS=0 skips it, e.g. when profiling) ───
    const burst = BURST_EVENTS > 0 ? await budgetBurst() : { burst429s: NaN, inWindow: NaN };
    const { burst429s, inWindow } = burst;

    const result = {
      events: EVENTS,
      throughput_per_s: round(pipeline.throughput),
      floor_throughput_per_s: round(floor.throughput),
      throughput_ratio: round(pipeline.throughput / floor.throughput, 3),
      p50_ms: round(percentile(pipeline.latencies, 50)),
      p95_ms: round(percentile(pipeline.latencies, 95)),
      p99_ms: round(percentile(pipeline.latencies, 99)),
      floor_p50_ms: round(percentile(floor.latencies, 50)),
      floor_p99_ms: round(percentile(floor.latencies, 99)),
      p99_ratio: round(percentile(pipeline.latencies, 99) / percentile(floor.latencies, 99), 3),
      sf_calls_per_event: round(sfCalls / EVENTS, 4),
      pd_calls_per_event: round(pdCalls / EVENTS, 4),
      burst_events: BURST_EVENTS,
      burst_429s: burst429s,
      burst_budget_used: round(inWindow / 960, 3),
      concurrency: CONCURRENCY,
      latency_definition: 'from the Case commit (burst: all committed at once) to the incident created; floor: from queueing the whole burst to each response',
      node: process.version,
      measured_at: new Date().toISOString(),
    };
    const targets = {
      throughput_ratio: result.throughput_ratio >= 0.5,
      p99: result.p99_ms <= 3 * result.floor_p99_ms,
      sf_calls_per_event: result.sf_calls_per_event <= 0.05,
      burst_429s: result.burst_429s === 0,
      burst_budget_used: result.burst_budget_used >= 0.9,
    };
    fs.mkdirSync(path.join(import.meta.dirname, 'results'), { recursive: true });
    fs.writeFileSync(path.join(import.meta.dirname, 'results', 'pipeline.json'), JSON.stringify({ ...result, targets_met: targets }, null, 2) + '\n');
    console.table(
      Object.fromEntries(
        Object.entries(result)
          .filter(([key]) => !['latency_definition', 'node', 'measured_at'].includes(key))
          .map(([key, value]) => [key, { value }]),
      ),
    );
    console.log('targets met:', targets);
    console.log(`wrote ${path.join('bench', 'results', 'pipeline.json')}`);
  } finally {
    await app.close();
  }

  async function budgetBurst() {
    pd.context.rateLimiter.configure(960);
    const burst429Before = pd.context.requestLog.counts().byStatus['429'] ?? 0;
    const burstStart = Date.now();
    const burstCases = createCases(app, BURST_EVENTS, 'burst');
    await new Promise((resolve) => setTimeout(resolve, 60_000));
    const windowEnd = new Date(burstStart + 60_000).toISOString();
    const inWindow = pd.context.requestLog
      .entries(100_000)
      .filter((entry) => entry.at >= new Date(burstStart).toISOString() && entry.at < windowEnd && entry.principal === 'account').length;
    await waitForIncidents(app, burstCases.map((c) => c.id), 180_000);
    const burst429s = (pd.context.requestLog.counts().byStatus['429'] ?? 0) - burst429Before;
    return { burst429s, inWindow };
  }

  function createCases(appUnderTest: typeof app, count: number, label: string) {
    const cases: { id: string; committedAt: number }[] = [];
    for (let index = 0; index < count; index++) {
      const record = appUnderTest.emulators.salesforce.store.insert('Case', { Subject: `${label} ${index}`, Description: 'Benchmark Case', Priority: 'High', Origin: 'Web' }, agent.id);
      cases.push({ id: record.Id, committedAt: Date.now() });
    }
    return cases;
  }

  async function runBurst(appUnderTest: typeof app, count: number, label: string) {
    const start = Date.now();
    const cases = createCases(appUnderTest, count, label);
    const createdAt = await waitForIncidents(appUnderTest, cases.map((c) => c.id), 600_000);
    const latencies = cases.map((c) => createdAt.get(c.id)! - c.committedAt);
    const end = Math.max(...createdAt.values());
    return { throughput: count / ((end - start) / 1000), latencies };
  }
}

async function floorRun(url: string, key: string, from: string, service: string, count: number) {
  const queuedAt = performance.now();
  const latencies: number[] = [];
  let next = 0;
  const workers = Array.from({ length: CONCURRENCY }, async () => {
    while (next < count) {
      const index = next++;
      const response = await fetch(`${url}/incidents`, {
        method: 'POST',
        headers: { Authorization: `Token token=${key}`, From: from, 'Content-Type': 'application/json', Accept: 'application/vnd.pagerduty+json;version=2' },
        body: JSON.stringify({ incident: { type: 'incident', title: `Floor ${index}`, service: { id: service, type: 'service_reference' }, incident_key: `floor-${index}`, body: { type: 'incident_body', details: 'floor' } } }),
      });
      await response.arrayBuffer();
      if (response.status !== 201) throw new Error(`Floor request answered ${response.status}`);
      latencies.push(performance.now() - queuedAt);
    }
  });
  await Promise.all(workers);
  const elapsed = (performance.now() - queuedAt) / 1000;
  return { throughput: count / elapsed, latencies };
}

/**
 * Waits until every Case has a linked incident; returns when each link was written (ms). Reads
 * only links newer than the last poll, so the benchmark's own polling stays negligible.
 */
async function waitForIncidents(app: Awaited<ReturnType<typeof startDemoApp>>, caseIds: string[], timeoutMs: number): Promise<Map<string, number>> {
  const seen = new Map<string, number>();
  const wanted = new Set(caseIds);
  let since = new Date(0);
  await eventually(
    async () => {
      const rows = await app.ctx.db(SYNC_TABLES.links).where('created_at', '>=', since).select('case_id', 'created_at');
      for (const row of rows) {
        const at = row.created_at instanceof Date ? row.created_at.getTime() : Number(row.created_at);
        if (wanted.delete(row.case_id)) seen.set(row.case_id, at);
        if (at > since.getTime()) since = new Date(at);
      }
      return wanted.size === 0 ? true : undefined;
    },
    timeoutMs,
    `incidents for ${caseIds.length} Cases`,
  );
  return seen;
}

await main();
