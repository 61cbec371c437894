/**
 * `npm run bench:rules [-- --events N --seed S]`
 *
 * Runs our evaluator and json-rules-engine on the issue's workload (50 rulesets × 20 rules ×
 * 3 conditions of mixed operators; 100,000 Case events from a seeded PRNG), checks that both select
 * exactly the same rules for every event, prints events/s for each and the ratio, and writes
 * bench/results/rules.json. `--jre-events N` limits json-rules-engine (and the equivalence check) to the
 * first N events when a full run would take too long; `--trace-events N` (default 10,000) the
 * trace-on timing. Ours is timed with the trace off (the sync worker's path) and, for
 * context, with the trace on (the "Test this rule" path).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildFieldCatalog, compileRulesets, evaluate } from '../rules';
import { SAMPLE_CASE_FIELDS } from '../rules/testing/sampleCaseFields';
import { buildJsonRulesEngine } from './jsonRulesEngineAdapter';
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

// json-rules-engine runs on the first N events (default: all). Its throughput is ~2 orders of
// magnitude below ours, so on a busy machine a full run takes long; the results say how many ran.
const jreEvents = Math.min(argument('jre-events', shape.events), shape.events);
// A trace is ~900 rule entries per event here; timing it on a prefix is enough for the figure.
const traceEvents = Math.min(argument('trace-events', 10_000), shape.events);

const rulesets = generateRulesets(shape, seed);
const workload = generateEvents(shape, seed + 1);
const catalog = buildFieldCatalog(SAMPLE_CASE_FIELDS);

let started = performance.now();
const compiled = compileRulesets(rulesets, catalog);
const compileMs = performance.now() - started;
if (!compiled.ok) {
  console.error('workload does not compile:', compiled.errors.slice(0, 5));
  process.exit(1);
}
const rules = compiled.compiled;

// Warm up both engines' JIT.
const jre = buildJsonRulesEngine(rulesets);
for (let i = 0; i < Math.min(5_000, workload.length); i++) evaluate(rules, workload[i]!.event, workload[i]!.previous, { trace: false });
for (let i = 0; i < Math.min(200, workload.length); i++) await jre.select(workload[i]!.event, workload[i]!.previous);

// Head to head on the first jreEvents events, interleaved in chunks so that both engines run
// under the same machine load (CI boxes and shared dev machines are noisy); trace off for ours.
const CHUNK = 50;
const ruleNumber = new Map<string, number>();
for (const ruleset of rulesets) for (const rule of ruleset.rules) ruleNumber.set(`${ruleset.id}/${rule.id}`, ruleNumber.size);
const encode = (keys: readonly string[]) => keys.map((key) => ruleNumber.get(key)).join(',');
const jreSelected: string[] = [];
let oursHeadToHeadMs = 0;
let jreMs = 0;
let actionsSeen = 0;
let lastReport = performance.now();
for (let from = 0; from < jreEvents; from += CHUNK) {
  const to = Math.min(from + CHUNK, jreEvents);
  let t = performance.now();
  for (let i = from; i < to; i++) actionsSeen += evaluate(rules, workload[i]!.event, workload[i]!.previous, { trace: false }).actions.length;
  oursHeadToHeadMs += performance.now() - t;
  t = performance.now();
  for (let i = from; i < to; i++) jreSelected.push(encode(await jre.select(workload[i]!.event, workload[i]!.previous)));
  jreMs += performance.now() - t;
  if (performance.now() - lastReport > 30_000) {
    lastReport = performance.now();
    process.stderr.write(`head to head: ${to}/${jreEvents} events\n`);
  }
}
const jreSeconds = jreMs / 1000;

// Ours alone on the whole stream, trace off.
started = performance.now();
for (const { event, previous } of workload) actionsSeen += evaluate(rules, event, previous, { trace: false }).actions.length;
const oursSeconds = (performance.now() - started) / 1000;

// Ours, trace on (first traceEvents events), also checked against the fast path below.
let traceEntries = 0;
const tracedSelected: string[] = [];
started = performance.now();
for (let i = 0; i < traceEvents; i++) {
  const result = evaluate(rules, workload[i]!.event, workload[i]!.previous);
  traceEntries += result.trace.length;
  tracedSelected.push(result.matched.map((m) => `${m.rulesetId}/${m.ruleId}`).join('\n'));
}
const oursTraceSeconds = (performance.now() - started) / 1000;

// Selections for the equivalence check (untimed), one compact string per event.
const oursSelected = workload.map(({ event, previous }) =>
  encode(evaluate(rules, event, previous, { trace: false }).matched.map((m) => `${m.rulesetId}/${m.ruleId}`)),
);

const mismatches: { event: number; ours: string; jsonRulesEngine: string }[] = [];
let traceMismatches = 0;
let selectedTotal = 0;
for (let i = 0; i < workload.length; i++) {
  const ours = oursSelected[i]!;
  selectedTotal += ours === '' ? 0 : ours.split(',').length;
  if (
    i < traceEvents &&
    tracedSelected[i]!.split('\n')
      .map((key) => (key === '' ? '' : ruleNumber.get(key)))
      .join(',') !== ours
  )
    traceMismatches++;
  if (i < jreEvents && ours !== jreSelected[i]!) mismatches.push({ event: i, ours, jsonRulesEngine: jreSelected[i]! });
}
const equivalent = mismatches.length === 0 && traceMismatches === 0;

const oursRate = jreEvents / (oursHeadToHeadMs / 1000);
const oursFullRate = workload.length / oursSeconds;
const oursTraceRate = traceEvents / oursTraceSeconds;
const jreRate = jreEvents / jreSeconds;
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

const results = {
  ours_events_per_s: round(oursRate),
  json_rules_engine_events_per_s: round(jreRate),
  ratio: round(oursRate / jreRate),
  equivalent,
  ours_full_stream_events_per_s: round(oursFullRate),
  ours_with_trace_events_per_s: round(oursTraceRate),
  ratio_with_trace: round(oursTraceRate / jreRate),
  events: workload.length,
  json_rules_engine_events: jreEvents,
  ours_with_trace_events: traceEvents,
  equivalence_checked_events: jreEvents,
  rulesets: shape.rulesets,
  rules_per_ruleset: shape.rulesPerRuleset,
  conditions_per_rule: shape.conditionsPerRule,
  enabled_rulesets: rulesets.filter((r) => r.enabled).length,
  seed,
  compile_ms: round(compileMs, 2),
  selected_rules_total: selectedTotal,
  actions_total: actionsSeen,
  trace_entries_total: traceEntries,
  mismatched_events: mismatches.length,
  trace_vs_fast_mismatched_events: traceMismatches,
  json_rules_engine_version: '7.3.1',
  method: `head to head on the first ${jreEvents} events, interleaved in chunks of ${CHUNK} so both engines see the same machine load; after JIT warm-up`,
  json_rules_engine_setup:
    'one Engine per trigger (create/update) built once, custom operators with the same semantics, previous values as prev:<Field> facts, ruleset order and stopProcessing applied to its results',
  node: process.version,
};

const table = [
  ['engine', 'events', 'seconds', 'events/s', 'ratio'],
  ['ours (trace off)', String(jreEvents), (oursHeadToHeadMs / 1000).toFixed(3), results.ours_events_per_s.toFixed(1), results.ratio.toFixed(1)],
  [
    'ours (trace off, whole stream)',
    String(workload.length),
    oursSeconds.toFixed(3),
    results.ours_full_stream_events_per_s.toFixed(1),
    (oursFullRate / jreRate).toFixed(1),
  ],
  ['ours (trace on)', String(traceEvents), oursTraceSeconds.toFixed(3), results.ours_with_trace_events_per_s.toFixed(1), results.ratio_with_trace.toFixed(1)],
  ['json-rules-engine', String(jreEvents), jreSeconds.toFixed(3), results.json_rules_engine_events_per_s.toFixed(1), '1.0'],
];
const widths = table[0]!.map((_, col) => Math.max(...table.map((row) => row[col]!.length)));
for (const row of table) console.log(row.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!))).join('  '));
console.log(
  `equivalent: ${equivalent} (${mismatches.length} events differ from json-rules-engine, ${traceMismatches} differ between trace on/off); ${selectedTotal} rule selections; target ratio ≥ 30: ${results.ratio >= 30 ? 'met' : 'NOT met'}`,
);
for (const mismatch of mismatches.slice(0, 3)) console.log('mismatch', JSON.stringify({ ...mismatch, input: workload[mismatch.event] }));

const out = join(dirname(fileURLToPath(import.meta.url)), 'results', 'rules.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(`wrote ${out}`);
if (!equivalent) process.exitCode = 1;
