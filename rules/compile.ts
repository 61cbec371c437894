/**
 * Compile once, evaluate many: checks rulesets against the field catalog (every problem reported
 * with its path, e.g. `rulesets[0].rules[2].conditions[1].field`) and turns them into closures.
 * Rules are also pre-sorted into one list per trigger (`case:create`, `incident:incident.resolved`,
 * …) so evaluation never looks at a rule that cannot run on the event.
 */
import type { ActionRenderer, TemplateSlots } from './actions';
import { compileAction, fieldReader } from './actions';
import type { EvaluationContext } from './events';
import { NOT_READ, markUnreadable } from './events';
import { UNREADABLE, valueTypeOf } from './values';
import type { FieldCatalog, FieldDef } from './fields';
import { lookupField, suggestField } from './fields';
import type { LogicNode } from './filterLogic';
import { checkFilterLogic, compileLogic, logicForKind, printFilterLogic } from './filterLogic';
import type { ConditionValue, OperatorName, Rule, RunOn, Ruleset } from './model';
import { CASE_CHANGES, INCIDENT_EVENT_TYPES, rulesetSchema } from './model';
import type { CompiledCondition, ConditionTest, InlinePredicate } from './operators';
import { OPERATORS, compileCondition } from './operators';
import type { PathSegment, RuleError } from './paths';
import { issuesToErrors, joinPath } from './paths';

export interface CompiledConditionEntry {
  /** 1-based, as filter logic numbers it. */
  index: number;
  field: FieldDef;
  operator: OperatorName;
  expected: ConditionValue | undefined;
  usesPrevious: boolean;
  current: (context: EvaluationContext) => unknown;
  test: ConditionTest;
  run: (context: EvaluationContext) => boolean;
  /** The field's slot in `EvaluationContext.values`. */
  slot: number;
  /**
   * For operators that do not use the previous value (`run` then always reads the slot): `load`
   * reads the field into its empty slot (noting an unreadable value) and returns it, `predicate`
   * tests the value read (`run` = probe the slot or load, then `predicate`), also as data when
   * it is one comparison (codegen.ts inlines it). Null for change operators.
   */
  onRead: { load: (context: EvaluationContext) => unknown; predicate: (value: unknown) => boolean; inline: InlinePredicate | null } | null;
}

export interface CompiledRule {
  id: string;
  name: string;
  rulesetId: string;
  rulesetName: string;
  runOn: RunOn;
  conditions: readonly CompiledConditionEntry[];
  /** Effective logic; null when the rule has no conditions (it always matches). */
  logic: LogicNode | null;
  /** Canonical text of the logic for traces. */
  logicText: string;
  matches: (context: EvaluationContext) => boolean;
  /** The logic on every condition's outcome, already evaluated (the trace evaluates them all). */
  matchesOutcomes: (conditions: readonly { outcome: boolean }[]) => boolean;
  actions: readonly ActionRenderer[];
  /** `{ rulesetId, ruleId }`, shared by every result that selects this rule (frozen). */
  ref: Readonly<{ rulesetId: string; ruleId: string }>;
  stopProcessing: boolean;
  /** The rule's trace entries when it is skipped (shared, frozen: they are the same every time). */
  skipped: Readonly<{ run_on: SkippedRuleTrace; stopped: SkippedRuleTrace }>;
}

/** A frozen trace entry of a skipped rule (evaluate.ts `RuleTrace`). */
export interface SkippedRuleTrace {
  readonly rulesetId: string;
  readonly rulesetName: string;
  readonly ruleId: string;
  readonly ruleName: string;
  readonly matched: false;
  readonly skippedReason: 'run_on' | 'stopped';
  readonly conditions: readonly never[];
  readonly logic: string;
}

export interface CompiledRuleset {
  id: string;
  name: string;
  enabled: boolean;
  position: number;
  rules: readonly CompiledRule[];
}

/** A ruleset restricted to the rules one trigger can run. */
export interface TriggeredRuleset {
  ruleset: CompiledRuleset;
  rules: readonly CompiledRule[];
}

export interface CompiledRules {
  /** How many fields conditions read through the per-event cache. */
  slots: number;
  /** How many distinct templates actions render (each once per event, see actions.ts). */
  templates: number;
  /** All rulesets (enabled or not) in evaluation order: position, then input order. */
  rulesets: readonly CompiledRuleset[];
  /** Trigger key → enabled rulesets with the rules that run on it. */
  enabledByTrigger: ReadonlyMap<string, readonly TriggeredRuleset[]>;
  /** Trigger key → all rulesets, for "test this rule" on a disabled ruleset. */
  allByTrigger: ReadonlyMap<string, readonly TriggeredRuleset[]>;
  /** Trigger key → every rule that runs on it (the trace lists the others as skipped). */
  runnableByTrigger: ReadonlyMap<string, ReadonlySet<CompiledRule>>;
  /**
   * Generated code (codegen.ts, server only: the browser's CSP forbids it, so there the closures
   * run). Absent, evaluation runs the closures, with the same results.
   */
  generated?: GeneratedCode;
}

export interface GeneratedCode {
  /** Trigger key → one function per enabled ruleset with rules on it: the fast path (trace off). */
  fast: ReadonlyMap<string, readonly GeneratedRuleset[]>;
  /** Trigger key → one function per enabled ruleset (its trace lists every rule): trace on. */
  traced: ReadonlyMap<string, readonly GeneratedRuleset[]>;
}

/** Runs one ruleset's rules for one trigger: pushes what it selects (and, traced, its trace) onto `result`. */
export type GeneratedRuleset = (
  context: EvaluationContext,
  result: { matched: Readonly<{ rulesetId: string; ruleId: string }>[]; actions: unknown[]; trace: unknown[] },
) => void;

export type CompileResult = { ok: true; compiled: CompiledRules } | { ok: false; errors: RuleError[] };

/**
 * Shared by all rules compiled together: field key → slot in `EvaluationContext.values`, and
 * template → slot in `EvaluationContext.rendered`.
 */
interface SlotTables {
  fields: Map<string, number>;
  templates: TemplateSlots;
}

const newSlotTables = (): SlotTables => ({ fields: new Map(), templates: new Map() });

function slotOf(field: FieldDef, slots: SlotTables): number {
  let slot = slots.fields.get(field.key);
  if (slot === undefined) {
    slot = slots.fields.size;
    slots.fields.set(field.key, slot);
  }
  return slot;
}

/** Reads one form of a field through the per-event cache (`offset` picks the form, see events.ts). */
function cachedReader(
  slot: number,
  offset: 0 | 1 | 2 | 3,
  source: (context: EvaluationContext) => unknown,
  form: (raw: unknown) => unknown,
): (context: EvaluationContext) => unknown {
  return (context) => {
    const index = slot + offset * context.stride;
    let value = context.values[index];
    if (value === NOT_READ) {
      value = form(source(context));
      if (value === UNREADABLE) {
        value = null;
        if (offset === 0) markUnreadable(context, slot);
      }
      context.values[index] = value;
    }
    return value;
  };
}

type Runner = (context: EvaluationContext) => boolean;

/** A condition's closures: `run` (the condition on the event), and for `onRead` operators the read and predicate apart. */
function runner(field: FieldDef, compiled: Extract<CompiledCondition, { ok: true }>, slot: number): { run: Runner; onRead: CompiledConditionEntry['onRead'] } {
  const type = valueTypeOf(field.kind);
  const current = fieldReader(field);
  const onRead = compiled.onRead;
  if (onRead) {
    // The hot path: one cache probe, then the predicate.
    const name = field.name;
    const fromEvent = field.scope === 'incident' && name === 'event_type';
    const load = (context: EvaluationContext): unknown => {
      let value = type.read(fromEvent ? context.eventType : context.record[name]);
      if (value === UNREADABLE) {
        value = null;
        markUnreadable(context, slot);
      }
      context.values[slot] = value;
      return value;
    };
    const run: Runner = (context) => {
      const value = context.values[slot];
      return onRead(value === NOT_READ ? load(context) : value);
    };
    return { run, onRead: { load, predicate: onRead, inline: compiled.inline } };
  }
  const change = compiled.change;
  if (!change) throw new Error(`operator on ${field.key} has neither a read nor a change predicate`);

  const name = field.name;
  const previousOf = (context: EvaluationContext) => (context.previous as Record<string, unknown>)[name];
  const readNow = cachedReader(slot, 0, current, (raw) => type.read(raw));
  const exactNow = cachedReader(slot, 1, current, (raw) => type.exact(raw));
  const readBefore = cachedReader(slot, 2, previousOf, (raw) => type.read(raw));
  const exactBefore = cachedReader(slot, 3, previousOf, (raw) => type.exact(raw));
  const equals = change.equalsOnRead;
  const operator = change.operator;
  const run: Runner = (context) => {
    const previous = context.previous;
    const has = previous !== undefined && Object.hasOwn(previous, name);
    const changed = has ? exactNow(context) !== exactBefore(context) : context.changedFields !== undefined && context.changedFields.includes(name);
    if (!changed || operator === 'changed') return changed;
    if (operator === 'changed_to') return (equals as (value: unknown) => boolean)(readNow(context));
    return has && (equals as (value: unknown) => boolean)(readBefore(context));
  };
  return { run, onRead: null };
}

function skippedTrace(rule: Rule, ruleset: Ruleset, logic: string, reason: 'run_on' | 'stopped'): SkippedRuleTrace {
  return Object.freeze({
    rulesetId: ruleset.id,
    rulesetName: ruleset.name,
    ruleId: rule.id,
    ruleName: rule.name,
    matched: false,
    skippedReason: reason,
    conditions: Object.freeze([]),
    logic,
  });
}

function compileRule(rule: Rule, ruleset: Ruleset, catalog: FieldCatalog, errors: RuleError[], prefix: string, slots: SlotTables): CompiledRule | null {
  const before = errors.length;
  const scope = rule.runOn.kind;
  const at = (segments: PathSegment[]) => joinPath(prefix, segments);

  const conditions: CompiledConditionEntry[] = [];
  rule.conditions.forEach((condition, i) => {
    const field = lookupField(catalog, condition.field);
    if (!field) {
      const suggestion = suggestField(catalog, condition.field);
      errors.push({
        path: at(['conditions', i, 'field']),
        message: `Unknown field ${condition.field}${suggestion ? `; did you mean ${suggestion}?` : ''}`,
      });
      return;
    }
    if (field.scope !== scope) {
      errors.push({
        path: at(['conditions', i, 'field']),
        message:
          scope === 'case'
            ? `${condition.field} is a PagerDuty field; Case rules use Case fields`
            : `${condition.field} is a Case field; PagerDuty incident rules use incident fields`,
      });
      return;
    }
    const compiled = compileCondition(field, condition.operator, condition.value);
    if (!compiled.ok) {
      for (const problem of compiled.problems) errors.push({ path: at(['conditions', i, ...problem.at]), message: problem.message });
      return;
    }
    const operator = condition.operator as OperatorName;
    const usesPrevious = OPERATORS[operator].usesPrevious;
    const slot = slotOf(field, slots);
    conditions.push({
      index: i + 1,
      field,
      operator,
      expected: condition.value,
      usesPrevious,
      current: fieldReader(field),
      test: compiled.test,
      slot,
      ...runner(field, compiled, slot),
    });
  });

  let logic: LogicNode | null = null;
  const count = rule.conditions.length;
  if (rule.filterLogic.kind === 'custom') {
    const checked = checkFilterLogic(rule.filterLogic.expression, count);
    if (!checked.ok) {
      errors.push({ path: at(['filterLogic', 'expression']), message: checked.error.message });
    } else logic = checked.ast;
  } else if (count > 0) {
    logic = logicForKind(rule.filterLogic.kind, count);
  }

  const renderers: ActionRenderer[] = [];
  rule.actions.forEach((action, i) => {
    const problems: { at: PathSegment[]; message: string }[] = [];
    const renderer = compileAction(action, catalog, problems, slots.templates);
    for (const problem of problems) errors.push({ path: at(['actions', i, ...problem.at]), message: problem.message });
    if (renderer) renderers.push(renderer);
  });

  if (errors.length > before) return null;
  const tests = conditions.map((condition) => condition.run);
  const outcomes = conditions.map((_, i) => (traced: readonly { outcome: boolean }[]) => (traced[i] as { outcome: boolean }).outcome);
  const logicText = logic === null ? '(no conditions: always)' : printFilterLogic(logic);
  return {
    id: rule.id,
    name: rule.name,
    rulesetId: ruleset.id,
    rulesetName: ruleset.name,
    runOn: rule.runOn,
    conditions,
    logic,
    logicText,
    matches: logic === null ? () => true : compileLogic(logic, tests),
    matchesOutcomes: logic === null ? () => true : compileLogic(logic, outcomes),
    actions: renderers,
    ref: Object.freeze({ rulesetId: ruleset.id, ruleId: rule.id }),
    stopProcessing: rule.stopProcessing,
    skipped: Object.freeze({ run_on: skippedTrace(rule, ruleset, logicText, 'run_on'), stopped: skippedTrace(rule, ruleset, logicText, 'stopped') }),
  };
}

/** Checks one ruleset; paths are relative to it (`rules[0].conditions[1].field`). */
export function checkRuleset(
  ruleset: Ruleset,
  catalog: FieldCatalog,
  prefix = '',
  slots: SlotTables = newSlotTables(),
): { compiled: CompiledRuleset | null; errors: RuleError[] } {
  const errors: RuleError[] = [];
  const rules: CompiledRule[] = [];
  ruleset.rules.forEach((rule, i) => {
    const compiled = compileRule(rule, ruleset, catalog, errors, joinPath(prefix, ['rules', i]), slots);
    if (compiled) rules.push(compiled);
  });
  if (errors.length > 0) return { compiled: null, errors };
  return { compiled: { id: ruleset.id, name: ruleset.name, enabled: ruleset.enabled, position: ruleset.position, rules }, errors };
}

/**
 * Validates untrusted input (an API body, an imported ruleset) with the zod schema and the
 * catalog in one go: what the server calls before storing anything.
 */
export function validateRuleset(input: unknown, catalog: FieldCatalog): { ok: true; ruleset: Ruleset } | { ok: false; errors: RuleError[] } {
  const parsed = rulesetSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: issuesToErrors(parsed.error.issues) };
  const { errors } = checkRuleset(parsed.data, catalog);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, ruleset: parsed.data };
}

function triggersOf(runOn: RunOn): string[] {
  if (runOn.kind === 'case') return runOn.on === 'both' ? CASE_CHANGES.map((c) => `case:${c}`) : [`case:${runOn.on}`];
  return runOn.events.map((eventType) => `incident:${eventType}`);
}

const ALL_TRIGGERS = [...CASE_CHANGES.map((c) => `case:${c}`), ...INCIDENT_EVENT_TYPES.map((t) => `incident:${t}`)];

function groupByTrigger(rulesets: readonly CompiledRuleset[]): Map<string, TriggeredRuleset[]> {
  const map = new Map<string, TriggeredRuleset[]>();
  for (const trigger of ALL_TRIGGERS) {
    const list: TriggeredRuleset[] = [];
    for (const ruleset of rulesets) {
      const rules = ruleset.rules.filter((rule) => triggersOf(rule.runOn).includes(trigger));
      if (rules.length > 0) list.push({ ruleset, rules });
    }
    map.set(trigger, list);
  }
  return map;
}

/** Checks and compiles every ruleset (disabled ones too: a disabled ruleset must still be valid). */
export function compileRulesets(rulesets: readonly Ruleset[], catalog: FieldCatalog): CompileResult {
  const errors: RuleError[] = [];
  const compiled: CompiledRuleset[] = [];
  const ids = new Map<string, number>();
  const slots = newSlotTables();
  rulesets.forEach((ruleset, i) => {
    const seen = ids.get(ruleset.id);
    if (seen !== undefined) errors.push({ path: `rulesets[${i}].id`, message: `Duplicate ruleset id ${ruleset.id} (also rulesets[${seen}])` });
    else ids.set(ruleset.id, i);
    const result = checkRuleset(ruleset, catalog, `rulesets[${i}]`, slots);
    errors.push(...result.errors);
    if (result.compiled) compiled.push(result.compiled);
  });
  if (errors.length > 0) return { ok: false, errors };
  // Array.prototype.sort is stable: equal positions keep their input order.
  const ordered = [...compiled].sort((a, b) => a.position - b.position);
  const allByTrigger = groupByTrigger(ordered);
  const runnableByTrigger = new Map<string, ReadonlySet<CompiledRule>>();
  for (const [trigger, list] of allByTrigger) runnableByTrigger.set(trigger, new Set(list.flatMap(({ rules }) => rules)));
  return {
    ok: true,
    compiled: {
      rulesets: ordered,
      slots: slots.fields.size,
      templates: slots.templates.size,
      enabledByTrigger: groupByTrigger(ordered.filter((ruleset) => ruleset.enabled)),
      allByTrigger,
      runnableByTrigger,
    },
  };
}
