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

// Ours, trace off: warm up the JIT, then time the whole stream.
for (let i = 0; i < Math.min(5_000, workload.length); i++) evaluate(rules, workload[i]!.event, workload[i]!.previous, { trace: false });
let actionsSeen = 0;
started = performance.now();
for (const { event, previous } of workload) actionsSeen += evaluate(rules, event, previous, { trace: false }).actions.length;
const oursSeconds = (performance.now() - started) / 1000;

// Ours, trace on (first traceEvents events), also checked against the fast path below.
let traceEntries = 0;
const tracedSelected: string[][] = [];
started = performance.now();
for (let i = 0; i < traceEvents; i++) {
  const result = evaluate(rules, workload[i]!.event, workload[i]!.previous);
  traceEntries += result.trace.length;
  tracedSelected.push(result.matched.map((m) => `${m.rulesetId}/${m.ruleId}`));
}
const oursTraceSeconds = (performance.now() - started) / 1000;

// Selections for the equivalence check (untimed).
const oursSelected = workload.map(({ event, previous }) =>
  evaluate(rules, event, previous, { trace: false }).matched.map((m) => `${m.rulesetId}/${m.ruleId}`),
);

// json-rules-engine: engines built once; warm-up; then the whole stream, awaiting each event.
const jre = buildJsonRulesEngine(rulesets);
for (let i = 0; i < Math.min(200, workload.length); i++) await jre.select(workload[i]!.event, workload[i]!.previous);
const jreSelected: string[][] = [];
started = performance.now();
let lastReport = started;
for (let i = 0; i < jreEvents; i++) {
  jreSelected.push(await jre.select(workload[i]!.event, workload[i]!.previous));
  if (performance.now() - lastReport > 30_000) {
    lastReport = performance.now();
    process.stderr.write(`json-rules-engine: ${i + 1}/${jreEvents} events\n`);
  }
}
const jreSeconds = (performance.now() - started) / 1000;

const same = (a: string[], b: string[]) => a.length === b.length && a.every((key, i) => key === b[i]);
const mismatches: { event: number; ours: string[]; jsonRulesEngine: string[] }[] = [];
let traceMismatches = 0;
let selectedTotal = 0;
for (let i = 0; i < workload.length; i++) {
  const ours = oursSelected[i]!;
  selectedTotal += ours.length;
  if (i < traceEvents && !same(ours, tracedSelected[i]!)) traceMismatches++;
  if (i < jreEvents && !same(ours, jreSelected[i]!)) mismatches.push({ event: i, ours, jsonRulesEngine: jreSelected[i]! });
}
const equivalent = mismatches.length === 0 && traceMismatches === 0;

const oursRate = workload.length / oursSeconds;
const oursTraceRate = traceEvents / oursTraceSeconds;
const jreRate = jreEvents / jreSeconds;
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

const results = {
  ours_events_per_s: round(oursRate),
  json_rules_engine_events_per_s: round(jreRate),
  ratio: round(oursRate / jreRate),
  equivalent,
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
  json_rules_engine_setup:
    'one Engine per trigger (create/update) built once, custom operators with the same semantics, previous values as prev:<Field> facts, ruleset order and stopProcessing applied to its results',
  node: process.version,
};

const table = [
  ['engine', 'events', 'seconds', 'events/s', 'ratio'],
  ['ours (trace off)', String(workload.length), oursSeconds.toFixed(3), results.ours_events_per_s.toFixed(1), results.ratio.toFixed(1)],
  ['ours (trace on)', String(traceEvents), oursTraceSeconds.toFixed(3), results.ours_with_trace_events_per_s.toFixed(1), results.ratio_with_trace.toFixed(1)],
  ['json-rules-engine', String(jreEvents), jreSeconds.toFixed(3), results.json_rules_engine_events_per_s.toFixed(1), '1.0'],
];
const widths = table[0]!.map((_, col) => Math.max(...table.map((row) => row[col]!.length)));
for (const row of table) console.log(row.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!))).join('  '));
console.log(`equivalent: ${equivalent} (${mismatches.length} events differ from json-rules-engine, ${traceMismatches} differ between trace on/off); ${selectedTotal} rule selections; target ratio ≥ 30: ${results.ratio >= 30 ? 'met' : 'NOT met'}`);
for (const mismatch of mismatches.slice(0, 3)) console.log('mismatch', JSON.stringify({ ...mismatch, input: workload[mismatch.event] }));

const out = join(dirname(fileURLToPath(import.meta.url)), 'results', 'rules.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(`wrote ${out}`);
if (!equivalent) process.exitCode = 1;
