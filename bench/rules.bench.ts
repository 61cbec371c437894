/**
 * `npm run bench:rules [-- --events N --seed S --jre-events N --trace-events N]`
 *
 * The issue's workload (50 rulesets × 20 rules × 3 conditions of mixed operators; 100,000 Case
 * events from a seeded PRNG) through four evaluators:
 * - ours as the server runs it (`generateCode`: one generated function per ruleset), trace off
 *   (the fast path) and trace on (what the sync worker records and "Test this rule" shows);
 * - ours as the browser runs it (the closures; its CSP forbids generated code), trace off;
 * - the practical limit: a hand-specialised JavaScript function per ruleset (rulesBaseline.ts);
 * - json-rules-engine (jsonRulesEngineAdapter.ts).
 * It checks on every event that ours selects the same rules and renders the same actions as the
 * limit (server and browser paths alike), the same rules as json-rules-engine (first
 * `--jre-events`), and that the trace-on path selects and renders what the fast path does
 * (first `--trace-events`). Timings are interleaved in chunks, so every evaluator sees the same
 * machine load, after a JIT warm-up; the load average is recorded with the results. Writes
 * bench/results/rules.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type { EvaluationResult, PreviousValues, RuleEvent } from '../rules';
import { buildFieldCatalog, compileRulesets, evaluate } from '../rules';
import { generateCode } from '../rules/codegen';
import { SAMPLE_CASE_FIELDS } from '../rules/testing/sampleCaseFields';
import { buildJsonRulesEngine } from './jsonRulesEngineAdapter';
import { buildBaseline } from './rulesBaseline';
import { ISSUE_WORKLOAD, generateEvents, generateRulesets } from './rulesWorkload';

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  if (index === -1) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} needs a positive integer`);
  return value;
}

const seed = argument('seed', 20_240_501);
const shape = { ...ISSUE_WORKLOAD, events: argument('events', ISSUE_WORKLOAD.events) };

// json-rules-engine runs on the first N events (default 2,000). Its throughput is ~2 orders of
// magnitude below ours, so a full run would take long; the results say how many ran.
const jreEvents = Math.min(argument('jre-events', 2_000), shape.events);
// A trace is ~900 rule entries per event here; timing it on a prefix is enough for the figure.
const traceEvents = Math.min(argument('trace-events', 10_000), shape.events);

const loadBefore = loadavg();
const rulesets = generateRulesets(shape, seed);
const workload = generateEvents(shape, seed + 1);
const catalog = buildFieldCatalog(SAMPLE_CASE_FIELDS);

let started = performance.now();
const compiledResult = compileRulesets(rulesets, catalog);
const compileMs = performance.now() - started;
if (!compiledResult.ok) {
  console.error('workload does not compile:', compiledResult.errors.slice(0, 5));
  process.exit(1);
}
const closures = compiledResult.compiled;
started = performance.now();
const server = generateCode(closures);
const generateMs = performance.now() - started;
started = performance.now();
const baseline = buildBaseline(rulesets, catalog);
const baselineBuildMs = performance.now() - started;
const jre = buildJsonRulesEngine(rulesets);

type Run = (event: RuleEvent, previous: PreviousValues) => Pick<EvaluationResult, 'matched' | 'actions'>;
const engines: Record<string, Run> = {
  server: (event, previous) => evaluate(server, event, previous, { trace: false }),
  browser: (event, previous) => evaluate(closures, event, previous, { trace: false }),
  baseline: (event, previous) => baseline.evaluate(event as never, previous),
  traced: (event, previous) => evaluate(server, event, previous),
};

// Warm up every engine's JIT.
for (let i = 0; i < Math.min(5_000, workload.length); i++) {
  const { event, previous } = workload[i]!;
  for (const name of ['server', 'browser', 'baseline']) engines[name]!(event, previous);
  if (i < 3_000) engines.traced!(event, previous);
}
for (let i = 0; i < Math.min(200, workload.length); i++) await jre.select(workload[i]!.event, workload[i]!.previous);

/** Times `names` over events [0, count), interleaved in chunks; `sink` keeps results observable. */
let sink = 0;
function timeInterleaved(names: readonly string[], count: number, chunk: number): Record<string, number> {
  const ms: Record<string, number> = Object.fromEntries(names.map((name) => [name, 0]));
  for (let from = 0; from < count; from += chunk) {
    const to = Math.min(from + chunk, count);
    for (const name of names) {
      const run = engines[name]!;
      const t = performance.now();
      for (let i = from; i < to; i++) sink += run(workload[i]!.event, workload[i]!.previous).actions.length;
      ms[name]! += performance.now() - t;
    }
  }
  return ms;
}

// 1. Ours against the practical limit on the whole stream (trace off).
const whole = timeInterleaved(['server', 'baseline', 'browser'], workload.length, 1_000);

// 2. Trace on, on a prefix.
const tracedMs = timeInterleaved(['traced', 'server'], traceEvents, 200);

// 3. Head to head with json-rules-engine on the first jreEvents events (it is async), chunks of 50.
const CHUNK = 50;
const ruleNumber = new Map<string, number>();
for (const ruleset of rulesets) for (const rule of ruleset.rules) ruleNumber.set(`${ruleset.id}/${rule.id}`, ruleNumber.size);
const encode = (keys: readonly string[]) => keys.map((key) => ruleNumber.get(key)).join(',');
const jreSelected: string[] = [];
const headToHead: Record<string, number> = { server: 0, traced: 0, jre: 0 };
let lastReport = performance.now();
for (let from = 0; from < jreEvents; from += CHUNK) {
  const to = Math.min(from + CHUNK, jreEvents);
  for (const name of ['server', 'traced']) {
    const run = engines[name]!;
    const t = performance.now();
    for (let i = from; i < to; i++) sink += run(workload[i]!.event, workload[i]!.previous).actions.length;
    headToHead[name]! += performance.now() - t;
  }
  const t = performance.now();
  for (let i = from; i < to; i++) jreSelected.push(encode(await jre.select(workload[i]!.event, workload[i]!.previous)));
  headToHead.jre! += performance.now() - t;
  if (performance.now() - lastReport > 30_000) {
    lastReport = performance.now();
    process.stderr.write(`head to head: ${to}/${jreEvents} events\n`);
  }
}
const loadAfter = loadavg();

// Output checks (untimed): same selected rules and rendered actions.
const ids = (result: Pick<EvaluationResult, 'matched'>) => encode(result.matched.map((m) => `${m.rulesetId}/${m.ruleId}`));
let baselineMismatches = 0;
let browserMismatches = 0;
let traceMismatches = 0;
const jreMismatches: { event: number; ours: string; jsonRulesEngine: string }[] = [];
let selectedTotal = 0;
let actionsTotal = 0;
let traceEntries = 0;
const firstMismatch: unknown[] = [];
for (let i = 0; i < workload.length; i++) {
  const { event, previous } = workload[i]!;
  const ours = engines.server!(event, previous);
  const limit = engines.baseline!(event, previous);
  selectedTotal += ours.matched.length;
  actionsTotal += ours.actions.length;
  const same = (other: Pick<EvaluationResult, 'matched' | 'actions'>) => ids(other) === ids(ours) && isDeepStrictEqual(other.actions, ours.actions);
  if (!same(limit)) {
    baselineMismatches++;
    if (firstMismatch.length < 2) firstMismatch.push({ event: i, ours: ours.actions.slice(0, 3), limit: limit.actions.slice(0, 3) });
  }
  if (!same(engines.browser!(event, previous))) browserMismatches++;
  if (i < traceEvents) {
    const traced = evaluate(server, event, previous);
    traceEntries += traced.trace.length;
    if (!same(traced)) traceMismatches++;
  }
  if (i < jreEvents && ids(ours) !== jreSelected[i]!) jreMismatches.push({ event: i, ours: ids(ours), jsonRulesEngine: jreSelected[i]! });
}
const equivalent = baselineMismatches === 0 && browserMismatches === 0 && traceMismatches === 0 && jreMismatches.length === 0;

const rate = (events: number, ms: number) => events / (ms / 1000);
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const serverRate = rate(workload.length, whole.server!);
const baselineRate = rate(workload.length, whole.baseline!);
const browserRate = rate(workload.length, whole.browser!);
const tracedRate = rate(traceEvents, tracedMs.traced!);
const jreRate = rate(jreEvents, headToHead.jre!);
const serverH2hRate = rate(jreEvents, headToHead.server!);
const tracedH2hRate = rate(jreEvents, headToHead.traced!);

const results = {
  command: ['npm run bench:rules', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' '),
  ours_events_per_s: round(serverRate),
  baseline_events_per_s: round(baselineRate),
  ours_vs_baseline: round(serverRate / baselineRate, 3),
  target_ours_vs_baseline: 0.5,
  ours_browser_closures_events_per_s: round(browserRate),
  browser_closures_vs_baseline: round(browserRate / baselineRate, 3),
  ours_with_trace_events_per_s: round(tracedRate),
  json_rules_engine_events_per_s: round(jreRate),
  ratio: round(serverH2hRate / jreRate),
  ratio_with_trace: round(tracedH2hRate / jreRate),
  target_ratio_with_trace: 30,
  equivalent,
  events: workload.length,
  json_rules_engine_events: jreEvents,
  ours_with_trace_events: traceEvents,
  rulesets: shape.rulesets,
  rules_per_ruleset: shape.rulesPerRuleset,
  conditions_per_rule: shape.conditionsPerRule,
  enabled_rulesets: rulesets.filter((r) => r.enabled).length,
  seed,
  compile_ms: round(compileMs, 2),
  generate_code_ms: round(generateMs, 2),
  baseline_build_ms: round(baselineBuildMs, 2),
  selected_rules_total: selectedTotal,
  actions_total: actionsTotal,
  trace_entries_total: traceEntries,
  baseline_mismatched_events: baselineMismatches,
  browser_vs_server_mismatched_events: browserMismatches,
  trace_vs_fast_mismatched_events: traceMismatches,
  json_rules_engine_mismatched_events: jreMismatches.length,
  load_average_before: loadBefore.map((n) => round(n, 2)),
  load_average_after: loadAfter.map((n) => round(n, 2)),
  json_rules_engine_version: '7.3.1',
  method:
    'after JIT warm-up; ours (server), the limit and ours (browser) interleaved in chunks of 1,000 events over the whole stream; trace on and off interleaved in chunks of 200 over the trace prefix; ours (trace off and on) and json-rules-engine interleaved in chunks of 50 over its prefix; outputs compared untimed',
  baseline:
    'bench/rulesBaseline.ts: one generated straight-line function per enabled ruleset and trigger (constants inlined, fields read once per event in the comparison form of rules/values.ts, templates rendered once per event); same selected rules and rendered actions checked on every event',
  json_rules_engine_setup:
    'one Engine per trigger (create/update) built once, custom operators with the same semantics, previous values as prev:<Field> facts, ruleset order and stopProcessing applied to its results',
  node: process.version,
};

const table = [
  ['evaluator', 'events', 'events/s', 'vs limit', 'vs jre'],
  [
    'ours, server (generated), trace off',
    String(workload.length),
    serverRate.toFixed(0),
    (serverRate / baselineRate).toFixed(3),
    (serverH2hRate / jreRate).toFixed(1),
  ],
  ['ours, browser (closures), trace off', String(workload.length), browserRate.toFixed(0), (browserRate / baselineRate).toFixed(3), ''],
  ['ours, trace on', String(traceEvents), tracedRate.toFixed(0), (tracedRate / baselineRate).toFixed(3), (tracedH2hRate / jreRate).toFixed(1)],
  ['limit: hand-specialised functions', String(workload.length), baselineRate.toFixed(0), '1.000', ''],
  ['json-rules-engine', String(jreEvents), jreRate.toFixed(1), (jreRate / baselineRate).toFixed(4), '1.0'],
];
const widths = table[0]!.map((_, col) => Math.max(...table.map((row) => row[col]!.length)));
for (const row of table) console.log(row.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!))).join('  '));
console.log(
  `equivalent: ${equivalent} (differ from the limit: ${baselineMismatches}, browser from server: ${browserMismatches}, trace on from off: ${traceMismatches}, json-rules-engine: ${jreMismatches.length}); ${selectedTotal} rule selections, ${actionsTotal} actions`,
);
console.log(
  `targets: ours/limit ≥ 0.5: ${results.ours_vs_baseline >= 0.5 ? 'met' : 'NOT met'}; trace on ≥ 30× json-rules-engine: ${results.ratio_with_trace >= 30 ? 'met' : 'NOT met'}; load average ${loadBefore.map((n) => n.toFixed(2)).join(' ')} → ${loadAfter.map((n) => n.toFixed(2)).join(' ')} (sink ${sink > 0})`,
);
for (const mismatch of jreMismatches.slice(0, 3)) console.log('mismatch', JSON.stringify({ ...mismatch, input: workload[mismatch.event] }));
for (const mismatch of firstMismatch) console.log('limit mismatch', JSON.stringify(mismatch));

const out = join(dirname(fileURLToPath(import.meta.url)), 'results', 'rules.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(`wrote ${out}`);
if (!equivalent) process.exitCode = 1;
