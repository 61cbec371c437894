/**
 * The pure evaluator: (compiled rules, event, previous values) → selected actions + trace.
 *
 * Order: enabled rulesets by position; inside a ruleset, rules in their order. A rule runs when
 * its "run on" fits the event and its filter logic holds; its actions are rendered in order.
 * A matching rule with `stopProcessing` ends its own ruleset only; later rulesets still run.
 *
 * The default result carries a trace of every rule of every enabled ruleset (skipped ones with a
 * reason) and every condition with the value seen. `{ trace: false }` is the fast path: it only
 * visits rules that run on the event's trigger, short-circuits the filter logic, and allocates
 * nothing per event but the result, the context and its small read cache (4 slots per field).
 */
import type { RenderedAction } from './actions';
import type { CompiledConditionEntry, CompiledRule, CompiledRules } from './compile';
import type { PreviousValues, RuleEvent } from './events';
import { contextFor, triggerKey } from './events';
import type { EvaluationContext } from './events';
import type { ConditionValue, OperatorName } from './model';
import { UNREADABLE, valueTypeOf } from './values';

export interface SelectedAction {
  rulesetId: string;
  ruleId: string;
  action: RenderedAction;
}

export interface ConditionTrace {
  index: number;
  field: string;
  operator: OperatorName;
  expected: ConditionValue | undefined;
  /** The value read from the event (as given, before normalization). */
  actual: unknown;
  /** For changed / changed_to / changed_from: the snapshot's value (undefined when unknown). */
  previous?: unknown;
  outcome: boolean;
  /** Why the outcome may surprise: an unreadable value, no previous value. */
  note?: string;
}

export type SkippedReason = 'run_on' | 'stopped';

export interface RuleTrace {
  rulesetId: string;
  rulesetName: string;
  ruleId: string;
  ruleName: string;
  matched: boolean;
  /** run_on: the rule does not run on this event; stopped: an earlier rule stopped the ruleset. */
  skippedReason?: SkippedReason;
  conditions: readonly ConditionTrace[];
  logic: string;
}

export interface EvaluationResult {
  /** Rules whose conditions held, in evaluation order (entries are shared, frozen objects). */
  matched: Readonly<{ rulesetId: string; ruleId: string }>[];
  actions: SelectedAction[];
  /**
   * Empty when evaluated with `{ trace: false }`. Entries of skipped rules are shared, frozen
   * objects (the same every time); the others are built for this event.
   */
  trace: Readonly<RuleTrace>[];
}

export interface EvaluateOptions {
  /** Default true. */
  trace?: boolean;
  /** Evaluate disabled rulesets as well ("test this rule"). Default false. */
  includeDisabled?: boolean;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : Array.isArray(value) ? JSON.stringify(value) : String(value);
}

function traceCondition(condition: CompiledConditionEntry, context: EvaluationContext): ConditionTrace {
  const actual = condition.current(context);
  const outcome = condition.run(context);
  const entry: ConditionTrace = {
    index: condition.index,
    field: condition.field.key,
    operator: condition.operator,
    expected: condition.expected,
    actual,
    outcome,
  };
  if (condition.usesPrevious || (context.unreadable !== null && context.unreadable[condition.slot] === true)) annotateCondition(entry, condition, context);
  return entry;
}

/**
 * Adds `previous` and `note` to a condition's trace entry when it needs them: an unreadable value,
 * or a change operator. Callers skip it for a read operator whose value was readable (the common
 * case): `run` of a read operator has just read the field and noted an unreadable value, so no
 * second parse is needed. Exported for codegen.ts, whose traced functions build the entries.
 */
export function annotateCondition(entry: ConditionTrace, condition: CompiledConditionEntry, context: EvaluationContext): void {
  const actual = entry.actual;
  const type = valueTypeOf(condition.field.kind);
  const unreadableNow = condition.onRead ? context.unreadable !== null && context.unreadable[condition.slot] === true : type.read(actual) === UNREADABLE;
  const notes: string[] = [];
  if (unreadableNow) notes.push(`value ${describe(actual)} is not ${type.noun}; treated as blank`);
  if (condition.usesPrevious) {
    const name = condition.field.name;
    const previous = context.previous;
    if (previous !== undefined && Object.hasOwn(previous, name)) {
      entry.previous = previous[name];
      if (type.read(previous[name]) === UNREADABLE) notes.push(`previous value ${describe(previous[name])} is not ${type.noun}; treated as blank`);
    } else if (context.changedFields !== undefined) {
      notes.push(`no previous value; the event ${context.changedFields.includes(name) ? 'lists' : 'does not list'} ${name} as changed`);
    } else {
      notes.push('no previous value known; treated as unchanged');
    }
  }
  if (notes.length > 0) entry.note = notes.join('; ');
}

/** Every condition is evaluated (the admin sees all of them); the logic then runs on the outcomes. */
function traceRule(rule: CompiledRule, context: EvaluationContext): RuleTrace {
  const count = rule.conditions.length;
  const conditions = new Array<ConditionTrace>(count);
  for (let i = 0; i < count; i++) conditions[i] = traceCondition(rule.conditions[i] as CompiledConditionEntry, context);
  return {
    rulesetId: rule.rulesetId,
    rulesetName: rule.rulesetName,
    ruleId: rule.id,
    ruleName: rule.name,
    matched: rule.matchesOutcomes(conditions),
    conditions,
    logic: rule.logicText,
  };
}

/** Selects a matching rule: its shared ref, and its actions rendered (codegen.ts writes the same out). */
function select(rule: CompiledRule, context: EvaluationContext, result: Pick<EvaluationResult, 'matched' | 'actions'>): void {
  result.matched.push(rule.ref);
  for (const render of rule.actions) result.actions.push({ rulesetId: rule.rulesetId, ruleId: rule.id, action: render(context) });
}

const NO_RULES: ReadonlySet<CompiledRule> = new Set();

export function evaluate(compiled: CompiledRules, event: RuleEvent, previous: PreviousValues, options: EvaluateOptions = {}): EvaluationResult {
  const context = contextFor(event, previous, compiled.slots, compiled.templates);
  const result: EvaluationResult = { matched: [], actions: [], trace: [] };
  const key = triggerKey(event);

  if (options.trace === false) {
    if (!options.includeDisabled && compiled.generated) {
      const generated = compiled.generated.fast.get(key);
      if (generated !== undefined) for (const run of generated) run(context, result);
      return result;
    }
    const rulesets = (options.includeDisabled ? compiled.allByTrigger : compiled.enabledByTrigger).get(key);
    if (rulesets === undefined) return result;
    for (const { rules } of rulesets) {
      for (const rule of rules) {
        if (!rule.matches(context)) continue;
        select(rule, context, result);
        if (rule.stopProcessing) break;
      }
    }
    return result;
  }

  const traced = options.includeDisabled ? undefined : compiled.generated?.traced.get(key);
  if (traced !== undefined) {
    for (const run of traced) run(context, result);
    return result;
  }
  const runnable = compiled.runnableByTrigger.get(key) ?? NO_RULES;
  for (const ruleset of compiled.rulesets) {
    if (!ruleset.enabled && !options.includeDisabled) continue;
    let stopped = false;
    for (const rule of ruleset.rules) {
      if (!runnable.has(rule)) {
        result.trace.push(rule.skipped.run_on);
        continue;
      }
      if (stopped) {
        result.trace.push(rule.skipped.stopped);
        continue;
      }
      const traced = traceRule(rule, context);
      result.trace.push(traced);
      if (!traced.matched) continue;
      select(rule, context, result);
      if (rule.stopProcessing) stopped = true;
    }
  }
  return result;
}
