/**
 * The operator registry: each operator is a tiny named predicate with the value kinds it applies
 * to and the shape of value it takes. `compileCondition` checks a condition against its field
 * (unknown operator, wrong kind, missing/extra/ill-typed value are errors) and returns a closure.
 *
 * Null rules (values.ts explains blank and case):
 * - A positive comparison (equals, contains, starts_with, ends_with, in, lt, lte, gt, gte) is
 *   false when the field is blank.
 * - Each negative operator is exactly the negation of its positive twin: not_equals = ¬equals,
 *   not_contains = ¬contains, not_in = ¬in, is_not_blank = ¬is_blank. So a blank Status
 *   "does not equal Closed", as in Salesforce.
 * - Values: equals-like operators need a non-blank value (use is_blank for blanks); in/not_in a
 *   non-empty list; is_blank, is_not_blank and changed take none.
 * Change rules (need the previous value; see evaluate.ts for where it comes from):
 * - changed: the value read now differs exactly from the previous one (blank → "x" is a change).
 *   Without a previous value, the event's list of changed fields decides; without either, false.
 * - changed_to X: changed, and the value now equals X.
 * - changed_from X: a previous value is known, changed, and the previous value equals X.
 * Multi-select: contains "A;B" means every listed value is selected; in [A, B] means at least one
 * selected value is listed; equals means exactly the same set.
 */
import type { FieldDef, ValueKind } from './fields';
import type { OperatorName } from './model';
import { OPERATOR_NAMES } from './model';
import type { PathSegment } from './paths';
import type { ValueType } from './values';
import { UNREADABLE, valueTypeOf } from './values';

export type ValueShape = 'none' | 'single' | 'list';

export interface OperatorSpec {
  name: OperatorName;
  /** As the condition builder shows it. */
  label: string;
  kinds: readonly ValueKind[];
  value: ValueShape;
  /** Reads the previous value (changed, changed_to, changed_from). */
  usesPrevious: boolean;
  /** For negative operators: the operator this one is the exact negation of. */
  negationOf?: OperatorName;
}

const ALL_KINDS: readonly ValueKind[] = ['text', 'id', 'number', 'boolean', 'date', 'datetime', 'multi'];
const ORDERED: readonly ValueKind[] = ['number', 'date', 'datetime'];
const LISTABLE: readonly ValueKind[] = ['text', 'id', 'number', 'multi'];
const BLANKABLE: readonly ValueKind[] = ['text', 'id', 'number', 'date', 'datetime', 'multi'];

export const OPERATORS: { readonly [K in OperatorName]: OperatorSpec } = {
  equals: { name: 'equals', label: 'equals', kinds: ALL_KINDS, value: 'single', usesPrevious: false },
  not_equals: { name: 'not_equals', label: 'does not equal', kinds: ALL_KINDS, value: 'single', usesPrevious: false, negationOf: 'equals' },
  contains: { name: 'contains', label: 'contains', kinds: ['text', 'multi'], value: 'single', usesPrevious: false },
  not_contains: { name: 'not_contains', label: 'does not contain', kinds: ['text', 'multi'], value: 'single', usesPrevious: false, negationOf: 'contains' },
  starts_with: { name: 'starts_with', label: 'starts with', kinds: ['text'], value: 'single', usesPrevious: false },
  ends_with: { name: 'ends_with', label: 'ends with', kinds: ['text'], value: 'single', usesPrevious: false },
  in: { name: 'in', label: 'is one of', kinds: LISTABLE, value: 'list', usesPrevious: false },
  not_in: { name: 'not_in', label: 'is not one of', kinds: LISTABLE, value: 'list', usesPrevious: false, negationOf: 'in' },
  lt: { name: 'lt', label: 'less than', kinds: ORDERED, value: 'single', usesPrevious: false },
  lte: { name: 'lte', label: 'less or equal', kinds: ORDERED, value: 'single', usesPrevious: false },
  gt: { name: 'gt', label: 'greater than', kinds: ORDERED, value: 'single', usesPrevious: false },
  gte: { name: 'gte', label: 'greater or equal', kinds: ORDERED, value: 'single', usesPrevious: false },
  is_blank: { name: 'is_blank', label: 'is blank', kinds: BLANKABLE, value: 'none', usesPrevious: false },
  is_not_blank: { name: 'is_not_blank', label: 'is not blank', kinds: BLANKABLE, value: 'none', usesPrevious: false, negationOf: 'is_blank' },
  changed: { name: 'changed', label: 'changed', kinds: ALL_KINDS, value: 'none', usesPrevious: true },
  changed_to: { name: 'changed_to', label: 'changed to', kinds: ALL_KINDS, value: 'single', usesPrevious: true },
  changed_from: { name: 'changed_from', label: 'changed from', kinds: ALL_KINDS, value: 'single', usesPrevious: true },
};

export function isOperatorName(name: string): name is OperatorName {
  return (OPERATOR_NAMES as readonly string[]).includes(name);
}

/** Operators the condition builder offers for a field, in registry order. */
export function operatorsForField(field: FieldDef): OperatorName[] {
  return OPERATOR_NAMES.filter((name) => {
    const spec = OPERATORS[name];
    return spec.kinds.includes(field.kind) && (field.trackable || !spec.usesPrevious);
  });
}

/**
 * A compiled condition. `previous`/`hasPrevious` are the snapshot's value and whether the
 * snapshot has the field; `changedHint` is whether the event itself lists the field as changed
 * (undefined when it does not say). Operators that do not use the previous value ignore them.
 */
export type ConditionTest = (current: unknown, previous: unknown, hasPrevious: boolean, changedHint: boolean | undefined) => boolean;

/** `negate` applies to the whole comparison (not_equals = ¬equals, so a blank value passes). */
export type InlinePredicate =
  | { test: 'blank'; negate: boolean }
  | { test: 'eq' | 'lt' | 'lte' | 'gt' | 'gte'; expected: string | number | boolean; negate: boolean }
  | { test: 'contains' | 'starts_with' | 'ends_with'; expected: string; negate: boolean }
  | { test: 'in'; expected: ReadonlySet<unknown>; negate: boolean };

export interface ConditionProblem {
  /** Relative to the condition: `['operator']`, `['value']`, `['value', 2]`. */
  at: PathSegment[];
  message: string;
}

export type CompiledCondition =
  | {
      ok: true;
      /** The condition on raw values. */
      test: ConditionTest;
      /**
       * For operators that do not use the previous value: the same predicate on the value already
       * read into its comparison form (`valueTypeOf(kind).read`, unreadable → null), so the
       * evaluator can read each field once per event however many conditions use it.
       */
      onRead: ((value: unknown) => boolean) | null;
      /**
       * For changed / changed_to / changed_from: which one, and the equals predicate on the read
       * value (null for changed), so the evaluator can cache reads as for `onRead`.
       */
      change: { operator: 'changed' | 'changed_to' | 'changed_from'; equalsOnRead: ((value: unknown) => boolean) | null } | null;
      /**
       * The same `onRead` predicate as data, for the server's code generator (codegen.ts): set for
       * the operators whose predicate on a non-multi-select read value is one JavaScript
       * comparison with the parsed expected value (`equals` is `===` for those kinds, see
       * values.ts); null for the rest, which the generated code calls as `onRead`.
       */
      inline: InlinePredicate | null;
    }
  | { ok: false; problems: ConditionProblem[] };

/** Blank or unreadable → null: the null rules treat unreadable values as blank. */
function reader<N>(type: ValueType<N>): (raw: unknown) => N | null {
  return (raw) => {
    const value = type.read(raw);
    return value === UNREADABLE ? null : value;
  };
}

type Positive<N> = (value: N | null) => boolean;

function checkPicklist(field: FieldDef, values: readonly string[], at: PathSegment[]): ConditionProblem | null {
  if (!field.restrictedPicklist || !field.picklistValues || field.picklistValues.length === 0) return null;
  const allowed = new Set(field.picklistValues.map((v) => v.toLowerCase()));
  const unknown = values.find((v) => !allowed.has(v));
  if (unknown === undefined) return null;
  return { at, message: `"${unknown}" is not a value of ${field.label}; choose one of: ${field.picklistValues.join(', ')}` };
}

function compileSingle<N>(name: OperatorName, field: FieldDef, type: ValueType<N>, expected: N): Positive<N> {
  switch (name) {
    case 'equals':
    case 'not_equals':
    case 'changed_to':
    case 'changed_from':
      return (a) => a !== null && type.equal(a, expected);
    case 'contains':
    case 'not_contains':
      if (field.kind === 'multi') {
        const wanted = expected as unknown as string[];
        return (a) => a !== null && wanted.every((v) => (a as unknown as string[]).includes(v));
      }
      return (a) => a !== null && (a as unknown as string).includes(expected as unknown as string);
    case 'starts_with':
      return (a) => a !== null && (a as unknown as string).startsWith(expected as unknown as string);
    case 'ends_with':
      return (a) => a !== null && (a as unknown as string).endsWith(expected as unknown as string);
    case 'lt':
      return (a) => a !== null && (a as unknown as number) < (expected as unknown as number);
    case 'lte':
      return (a) => a !== null && (a as unknown as number) <= (expected as unknown as number);
    case 'gt':
      return (a) => a !== null && (a as unknown as number) > (expected as unknown as number);
    case 'gte':
      return (a) => a !== null && (a as unknown as number) >= (expected as unknown as number);
    default:
      throw new Error(`operator ${name} takes no single value`);
  }
}

function compileList<N>(field: FieldDef, expected: readonly N[]): Positive<N> {
  if (field.kind === 'multi') {
    const listed = new Set((expected as unknown as string[][]).flat());
    return (a) => a !== null && (a as unknown as string[]).some((v) => listed.has(v));
  }
  const listed = new Set<unknown>(expected);
  return (a) => a !== null && listed.has(a);
}

function parseValue<N>(
  spec: OperatorSpec,
  field: FieldDef,
  type: ValueType<N>,
  value: unknown,
): { ok: true; value: N | N[] | undefined } | { ok: false; problems: ConditionProblem[] } {
  if (spec.value === 'none') {
    if (value !== undefined) return { ok: false, problems: [{ at: ['value'], message: `"${spec.label}" takes no value; remove it` }] };
    return { ok: true, value: undefined };
  }
  if (value === undefined || value === null) {
    return { ok: false, problems: [{ at: ['value'], message: `"${spec.label}" needs a value (${type.noun})` }] };
  }
  if (spec.value === 'list') {
    if (!Array.isArray(value) || value.length === 0) {
      return { ok: false, problems: [{ at: ['value'], message: `"${spec.label}" needs a list of values` }] };
    }
    const problems: ConditionProblem[] = [];
    const parsed: N[] = [];
    value.forEach((item: unknown, index) => {
      const result = type.parse(item);
      if (!result.ok) problems.push({ at: ['value', index], message: result.message });
      else {
        parsed.push(result.value);
        if (field.kind === 'text' || field.kind === 'multi') {
          const texts = field.kind === 'multi' ? (result.value as unknown as string[]) : [result.value as unknown as string];
          const problem = checkPicklist(field, texts, ['value', index]);
          if (problem) problems.push(problem);
        }
      }
    });
    return problems.length > 0 ? { ok: false, problems } : { ok: true, value: parsed };
  }
  if (Array.isArray(value) && field.kind !== 'multi') {
    return { ok: false, problems: [{ at: ['value'], message: `"${spec.label}" takes one value, not a list (use "is one of")` }] };
  }
  const result = type.parse(value);
  if (!result.ok) return { ok: false, problems: [{ at: ['value'], message: result.message }] };
  if (field.kind === 'text' || field.kind === 'multi') {
    const texts = field.kind === 'multi' ? (result.value as unknown as string[]) : [result.value as unknown as string];
    // contains/starts_with/ends_with match parts of a value, so the picklist check does not apply.
    if (spec.name !== 'contains' && spec.name !== 'not_contains' && spec.name !== 'starts_with' && spec.name !== 'ends_with') {
      const problem = checkPicklist(field, texts, ['value']);
      if (problem) return { ok: false, problems: [problem] };
    } else if (field.kind === 'multi') {
      const problem = checkPicklist(field, texts, ['value']);
      if (problem) return { ok: false, problems: [problem] };
    }
  }
  return { ok: true, value: result.value };
}

/** Checks one condition against its field and compiles it into a closure. */
export function compileCondition(field: FieldDef, operator: string, value: unknown): CompiledCondition {
  if (!isOperatorName(operator)) {
    return {
      ok: false,
      problems: [{ at: ['operator'], message: `Unknown operator "${operator}"; for ${field.label} use one of: ${operatorsForField(field).join(', ')}` }],
    };
  }
  const spec = OPERATORS[operator];
  if (!spec.kinds.includes(field.kind)) {
    return {
      ok: false,
      problems: [
        { at: ['operator'], message: `"${spec.label}" does not apply to ${field.label} (${field.type}); use one of: ${operatorsForField(field).join(', ')}` },
      ],
    };
  }
  if (spec.usesPrevious && !field.trackable) {
    return {
      ok: false,
      problems: [{ at: ['operator'], message: `${field.label} describes the event and has no previous value; "${spec.label}" cannot apply` }],
    };
  }
  const type = valueTypeOf(field.kind);
  const parsed = parseValue(spec, field, type, value);
  if (!parsed.ok) return parsed;
  const read = reader(type);

  const onRead = (predicate: (value: unknown) => boolean, inline: InlinePredicate | null = null): CompiledCondition => ({
    ok: true,
    test: (current) => predicate(read(current)),
    onRead: predicate,
    change: null,
    inline: field.kind === 'multi' ? null : inline,
  });
  switch (operator) {
    case 'is_blank':
      return onRead((value) => value === null, { test: 'blank', negate: false });
    case 'is_not_blank':
      return onRead((value) => value !== null, { test: 'blank', negate: true });
    case 'in':
    case 'not_in': {
      const positive = compileList(field, parsed.value as unknown[]) as (value: unknown) => boolean;
      const inline: InlinePredicate = { test: 'in', expected: new Set<unknown>(parsed.value as unknown[]), negate: operator === 'not_in' };
      return onRead(operator === 'in' ? positive : (value) => !positive(value), inline);
    }
    case 'changed':
      return { ok: true, test: changedTest(type), onRead: null, change: { operator, equalsOnRead: null }, inline: null };
    case 'changed_to': {
      const changed = changedTest(type);
      const positive = compileSingle(operator, field, type, parsed.value);
      return {
        ok: true,
        test: (cur, prev, has, hint) => changed(cur, prev, has, hint) && positive(read(cur)),
        onRead: null,
        change: { operator, equalsOnRead: positive },
        inline: null,
      };
    }
    case 'changed_from': {
      const changed = changedTest(type);
      const positive = compileSingle(operator, field, type, parsed.value);
      return {
        ok: true,
        test: (cur, prev, has, hint) => has && changed(cur, prev, has, hint) && positive(read(prev)),
        onRead: null,
        change: { operator, equalsOnRead: positive },
        inline: null,
      };
    }
    default: {
      const positiveName = spec.negationOf ?? operator;
      const positive = compileSingle(positiveName, field, type, parsed.value) as (value: unknown) => boolean;
      const test = positiveName === 'equals' ? 'eq' : positiveName;
      const inline = { test, expected: parsed.value, negate: spec.negationOf !== undefined } as InlinePredicate;
      return onRead(spec.negationOf ? (value) => !positive(value) : positive, inline);
    }
  }
}

function changedTest(type: ValueType<unknown>): ConditionTest {
  return (current, previous, hasPrevious, changedHint) => {
    if (!hasPrevious) return changedHint === true;
    return type.exact(current) !== type.exact(previous);
  };
}
