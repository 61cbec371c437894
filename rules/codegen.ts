/**
 * Server-side code generation for the evaluator, trace off (the fast path) and on (what the sync
 * worker records).
 *
 * The closures of compile.ts cost four indirect calls per condition (rule → filter logic →
 * field read → predicate), each through a call site shared by every rule, so V8 can neither
 * inline nor specialise them. `generateCode` turns each enabled ruleset, per trigger, into one
 * JavaScript function: each rule an `if` over its filter logic written out as `&&`/`||`, each
 * condition a probe of the per-event read cache and, for the common operators, the comparison
 * itself. What it does not write out (multi-select predicates, change operators, field reads,
 * action rendering, trace notes) it calls, as the same closures the browser runs, from a call
 * site of its own. The traced variant evaluates every condition of every rule that runs (as
 * evaluate.ts does with a trace) and builds the trace entries as object literals of one shape.
 *
 * Only the server calls this: the admin UI's Content-Security-Policy forbids `new Function`, so
 * the browser evaluates with the closures, and both give the same results (codegen.test.ts
 * checks that on random rulesets and events).
 *
 * Safety: the generated source contains nothing taken from a ruleset or a catalog: no field
 * name, value, id or template. Constants (expected values, predicates, rules) are passed in an
 * array and bound to names `c0`, `c1`, …; slots are integers this module checks. So no text a
 * user typed can become code.
 */
import type { CompiledConditionEntry, CompiledRule, CompiledRules, GeneratedRuleset } from './compile';
import type { EvaluationContext } from './events';
import { NOT_READ } from './events';
import { annotateCondition } from './evaluate';
import type { LogicNode } from './filterLogic';
import type { InlinePredicate } from './operators';

type Factory = (constants: readonly unknown[], notRead: symbol, annotate: typeof annotateCondition) => unknown;

/** Collects constants for one generated function; the source only ever names them `c<n>`. */
class Constants {
  readonly values: unknown[] = [];
  name(value: unknown): string {
    this.values.push(value);
    return `c${this.values.length - 1}`;
  }
}

function integer(value: number): string {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`codegen: ${value} is not a slot`);
  return String(value);
}

/** The comparison on the read value `x` (null when blank or unreadable); see operators.ts `InlinePredicate`. */
function comparison(inline: InlinePredicate, constants: Constants): string {
  if (inline.test === 'blank') return inline.negate ? 'x !== null' : 'x === null';
  const k = constants.name(inline.expected);
  let positive: string;
  switch (inline.test) {
    case 'eq':
      // The expected value is never null (equals needs a value), so `===` also refuses a blank.
      return inline.negate ? `x !== ${k}` : `x === ${k}`;
    case 'lt':
      positive = `x !== null && x < ${k}`;
      break;
    case 'lte':
      positive = `x !== null && x <= ${k}`;
      break;
    case 'gt':
      positive = `x !== null && x > ${k}`;
      break;
    case 'gte':
      positive = `x !== null && x >= ${k}`;
      break;
    case 'contains':
      positive = `x !== null && x.includes(${k})`;
      break;
    case 'starts_with':
      positive = `x !== null && x.startsWith(${k})`;
      break;
    case 'ends_with':
      positive = `x !== null && x.endsWith(${k})`;
      break;
    case 'in':
      positive = `x !== null && ${k}.has(x)`;
      break;
  }
  return inline.negate ? `!(${positive})` : `(${positive})`;
}

function condition(entry: CompiledConditionEntry, constants: Constants): string {
  if (!entry.onRead) return `${constants.name(entry.run)}(ctx)`;
  const slot = integer(entry.slot);
  const load = constants.name(entry.onRead.load);
  const test = entry.onRead.inline ? comparison(entry.onRead.inline, constants) : `${constants.name(entry.onRead.predicate)}(x)`;
  // One cache probe; on a miss `load` reads the field into the slot (and notes an unreadable value).
  return `((x = v[${slot}]) === NR && (x = ${load}(ctx)), ${test})`;
}

/** What evaluate.ts `select` does, written out: each renderer is then called from a call site of its own. */
function selectCode(rule: CompiledRule, constants: Constants): string {
  const ids = `rulesetId: ${constants.name(rule.rulesetId)}, ruleId: ${constants.name(rule.id)}`;
  const actions = rule.actions.map((render) => ` result.actions.push({ ${ids}, action: ${constants.name(render)}(ctx) });`);
  return `result.matched.push(${constants.name(rule.ref)});${actions.join('')}`;
}

function logic(node: LogicNode, conditions: readonly string[]): string {
  switch (node.type) {
    case 'ref': {
      const text = conditions[node.index - 1];
      if (text === undefined) throw new Error(`codegen: filter logic names condition ${node.index} but there are ${conditions.length}`);
      return text;
    }
    case 'not':
      return `!${logic(node.operand, conditions)}`;
    case 'and':
    case 'or':
      return `(${node.operands.map((operand) => logic(operand, conditions)).join(node.type === 'and' ? ' && ' : ' || ')})`;
  }
}

function assemble(constants: Constants, name: string, lines: readonly string[]): string {
  const bindings = constants.values.map((_, i) => `c${i} = C[${i}]`);
  return [
    '"use strict";',
    ...(bindings.length > 0 ? [`const ${bindings.join(', ')};`] : []),
    `return function ${name}(ctx, result) {`,
    '  const v = ctx.values;',
    '  let x;',
    ...lines,
    '};',
  ].join('\n');
}

/** The source of one ruleset's fast-path function for one trigger's rules, and the constants it names. */
export function generateRulesetSource(rules: readonly CompiledRule[]): { source: string; constants: unknown[] } {
  const constants = new Constants();
  const lines = rules.map((rule) => {
    const conditions = rule.conditions.map((entry) => condition(entry, constants));
    const test = rule.logic === null ? 'true' : logic(rule.logic, conditions);
    return `  if (${test}) { ${selectCode(rule, constants)}${rule.stopProcessing ? ' return;' : ''} }`;
  });
  return { source: assemble(constants, 'generatedRuleset', lines), constants: constants.values };
}

/**
 * The source of one ruleset's traced function: every rule of the ruleset in order, those that do
 * not run on the trigger (`runs[i]` false, an argument: one function serves every trigger) or
 * come after a stopping rule as their shared skipped entries, the others with every condition
 * evaluated and traced; entries have the keys, in the order, of evaluate.ts `traceRule`.
 * Each rule is a small function of its own: one function for a whole ruleset of object literals
 * takes V8's optimising compiler hundreds of milliseconds, twenty small ones a few.
 */
export function generateTracedRulesetSource(rules: readonly CompiledRule[]): { source: string; constants: unknown[] } {
  const constants = new Constants();
  const functions: string[] = [];
  const lines = ['  const t = result.trace;', '  let stopped = false;'];
  rules.forEach((rule, r) => {
    const body: string[] = ['const v = ctx.values;', 'let x;'];
    const entries: string[] = [];
    const outcomes: string[] = [];
    rule.conditions.forEach((entry, i) => {
      body.push(`const a${i} = ${constants.name(entry.current)}(ctx);`, `const o${i} = ${condition(entry, constants)};`);
      body.push(
        `const e${i} = { index: ${integer(entry.index)}, field: ${constants.name(entry.field.key)}, operator: ${constants.name(entry.operator)}, expected: ${constants.name(entry.expected)}, actual: a${i}, outcome: o${i} };`,
      );
      const annotate = `ann(e${i}, ${constants.name(entry)}, ctx);`;
      // As evaluate.ts traceCondition: notes for change operators and for unreadable values only.
      body.push(entry.usesPrevious ? annotate : `if (ctx.unreadable !== null && ctx.unreadable[${integer(entry.slot)}] === true) ${annotate}`);
      entries.push(`e${i}`);
      outcomes.push(`o${i}`);
    });
    body.push(`const m = ${rule.logic === null ? 'true' : logic(rule.logic, outcomes)};`);
    body.push(
      `result.trace.push({ rulesetId: ${constants.name(rule.rulesetId)}, rulesetName: ${constants.name(rule.rulesetName)}, ruleId: ${constants.name(rule.id)}, ruleName: ${constants.name(rule.name)}, matched: m, conditions: [${entries.join(', ')}], logic: ${constants.name(rule.logicText)} });`,
    );
    body.push(`if (m) { ${selectCode(rule, constants)} }`, 'return m;');
    functions.push(`function rule${r}(ctx, result) {\n${body.map((line) => `  ${line}`).join('\n')}\n}`);
    const stop = rule.stopProcessing ? ' stopped = true;' : '';
    lines.push(
      `  if (!runs[${r}]) t.push(${constants.name(rule.skipped.run_on)});`,
      `  else if (stopped) t.push(${constants.name(rule.skipped.stopped)});`,
      `  else if (rule${r}(ctx, result)) {${stop}}`,
    );
  });
  const bindings = constants.values.map((_, i) => `c${i} = C[${i}]`);
  const source = [
    '"use strict";',
    ...(bindings.length > 0 ? [`const ${bindings.join(', ')};`] : []),
    ...functions,
    'return function tracedRuleset(ctx, result, runs) {',
    ...lines,
    '};',
  ].join('\n');
  return { source, constants: constants.values };
}

type TracedRuleset = (context: EvaluationContext, result: Parameters<GeneratedRuleset>[1], runs: readonly boolean[]) => void;

function instantiate({ source, constants }: { source: string; constants: unknown[] }): unknown {
  // The one place the engine makes code; see the header for why it is safe and server-only.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const factory = new Function('C', 'NR', 'ann', source) as Factory;
  return factory(constants, NOT_READ, annotateCondition);
}

/** A ruleset none of whose rules runs on a trigger: its trace is its rules' shared skipped entries. */
function skippedRuleset(rules: readonly CompiledRule[]): GeneratedRuleset {
  const entries = rules.map((rule) => rule.skipped.run_on);
  return (_context, result) => {
    for (const entry of entries) result.trace.push(entry);
  };
}

/**
 * The same compiled rules with `generated` set: per trigger, one function per enabled ruleset,
 * trace off and on. Call it once per compile (the server's rules cache does), never in the browser.
 */
export function generateCode(compiled: CompiledRules): CompiledRules {
  const fast = new Map<string, GeneratedRuleset[]>();
  for (const [trigger, rulesets] of compiled.enabledByTrigger) {
    if (rulesets.length > 0)
      fast.set(
        trigger,
        rulesets.map(({ rules }) => instantiate(generateRulesetSource(rules)) as GeneratedRuleset),
      );
  }
  const enabled = compiled.rulesets.filter((ruleset) => ruleset.enabled);
  const tracedRulesets = new Map(enabled.map((ruleset) => [ruleset, instantiate(generateTracedRulesetSource(ruleset.rules)) as TracedRuleset]));
  const skipped = new Map(enabled.map((ruleset) => [ruleset, skippedRuleset(ruleset.rules)]));
  const traced = new Map<string, GeneratedRuleset[]>();
  for (const [trigger, runnable] of compiled.runnableByTrigger) {
    traced.set(
      trigger,
      enabled.map((ruleset) => {
        const runs = ruleset.rules.map((rule) => runnable.has(rule));
        if (!runs.includes(true)) return skipped.get(ruleset) as GeneratedRuleset;
        const run = tracedRulesets.get(ruleset) as TracedRuleset;
        return (context, result) => run(context, result, runs);
      }),
    );
  }
  return { ...compiled, generated: { fast, traced } };
}
