/**
 * The same rulesets expressed for json-rules-engine, as a careful user of that library would:
 * one Engine per trigger (Case create / Case update) built once, rules added once, custom
 * operators with our documented semantics (case-insensitive text, numeric strings, `A;B` multi-
 * selects, blanks), `changed*` through a second fact holding the previous value, and the
 * ruleset order and "stop processing" applied to the engine's results (the engine has neither).
 *
 * The operators are written independently of rules/ so that the equivalence check also
 * cross-checks the semantics.
 */
import { Engine } from 'json-rules-engine';
import type { TopLevelCondition } from 'json-rules-engine';
import type { CaseEvent, Condition, LogicNode, PreviousValues, Ruleset } from '../rules';
import { logicForKind, parseFilterLogic } from '../rules';

type Kind = 'text' | 'number' | 'boolean' | 'multi' | 'date' | 'datetime';

const KIND_OF_FIELD: Record<string, Kind> = {
  Status: 'text',
  Priority: 'text',
  Origin: 'text',
  Subject: 'text',
  Severity__c: 'number',
  Impact_Score__c: 'number',
  IsEscalated: 'boolean',
  Products__c: 'multi',
  Due_Date__c: 'date',
  CreatedDate: 'datetime',
};

const NUMERIC = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function num(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && NUMERIC.test(v)) return Number(v);
  return null;
}
/** Fact values are JSON scalars, read as String() reads them; anything else reads as its JSON. */
function asText(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' ? String(v) : JSON.stringify(v);
}
function text(v: unknown): string | null {
  return v === null || v === undefined || v === '' ? null : asText(v);
}
function bool(v: unknown): boolean | null {
  if (v === true || v === false) return v;
  if (v === null || v === undefined || v === '') return false;
  const s = asText(v).toLowerCase();
  return s === 'true' ? true : s === 'false' ? false : null;
}
function multi(v: unknown): string[] | null {
  if (v === null || v === undefined) return null;
  const parts = (Array.isArray(v) ? v.map(String) : asText(v).split(';')).map((p) => p.trim()).filter((p) => p !== '');
  return parts.length === 0 ? null : parts;
}
function day(v: unknown): number | null {
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? Date.parse(`${v}T00:00:00Z`) / 86_400_000 : null;
}
function instant(v: unknown): number | null {
  if (typeof v !== 'string' || !/T/.test(v)) return null;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? null : ms;
}

/** Comparable form for equality/ordering (text folded). */
const comparable: Record<Kind, (v: unknown) => unknown> = {
  text: (v) => text(v)?.toLowerCase() ?? null,
  number: num,
  boolean: bool,
  multi: (v) => multi(v)?.map((p) => p.toLowerCase()) ?? null,
  date: day,
  datetime: instant,
};
/** Exact form for "changed" (text keeps its case, multi ignores order). */
const exact: Record<Kind, (v: unknown) => unknown> = {
  text,
  number: num,
  boolean: bool,
  multi: (v) => multi(v)?.sort().join('\u0000') ?? null,
  date: day,
  datetime: instant,
};

function addOperators(engine: Engine): void {
  for (const kind of Object.keys(comparable) as Kind[]) {
    const c = comparable[kind];
    const e = exact[kind];
    const equals = (a: unknown, b: unknown): boolean => {
      const x = c(a);
      if (x === null) return false;
      if (kind === 'multi') {
        const set = new Set(x as string[]);
        return set.size === (b as string[]).length && (b as string[]).every((v) => set.has(v));
      }
      return x === b;
    };
    const contains = (a: unknown, b: unknown): boolean => {
      const x = c(a);
      if (x === null) return false;
      return kind === 'multi' ? (b as string[]).every((v) => (x as string[]).includes(v)) : (x as string).includes(b as string);
    };
    const isIn = (a: unknown, b: unknown): boolean => {
      const x = c(a);
      if (x === null) return false;
      return kind === 'multi' ? (x as string[]).some((v) => (b as unknown[]).includes(v)) : (b as unknown[]).includes(x);
    };
    const blank = (a: unknown): boolean => c(a) === null;
    const ops: Record<string, (a: unknown, b: unknown) => boolean> = {
      equals,
      not_equals: (a, b) => !equals(a, b),
      contains,
      not_contains: (a, b) => !contains(a, b),
      starts_with: (a, b) => c(a) !== null && (c(a) as string).startsWith(b as string),
      ends_with: (a, b) => c(a) !== null && (c(a) as string).endsWith(b as string),
      in: isIn,
      not_in: (a, b) => !isIn(a, b),
      lt: (a, b) => c(a) !== null && (c(a) as number) < (b as number),
      lte: (a, b) => c(a) !== null && (c(a) as number) <= (b as number),
      gt: (a, b) => c(a) !== null && (c(a) as number) > (b as number),
      gte: (a, b) => c(a) !== null && (c(a) as number) >= (b as number),
      is_blank: (a) => blank(a),
      is_not_blank: (a) => !blank(a),
      // b is the previous value's fact: undefined when there is no snapshot.
      changed: (a, b) => b !== undefined && e(a) !== e(b),
    };
    for (const [name, fn] of Object.entries(ops)) engine.addOperator(`${kind}:${name}`, fn);
  }
}

function expectedValue(kind: Kind, value: unknown): unknown {
  if (Array.isArray(value) && kind !== 'multi') return value.map((v) => comparable[kind](v));
  if (kind === 'multi') {
    const parts = Array.isArray(value) ? value.map(String) : String(value).split(';');
    return parts.map((p) => p.trim().toLowerCase()).filter((p) => p !== '');
  }
  return comparable[kind](value);
}

function leaf(condition: Condition): TopLevelCondition | { fact: string; operator: string; value: unknown } {
  const fieldName = condition.field.slice('Case.'.length);
  const kind = KIND_OF_FIELD[fieldName];
  if (!kind) throw new Error(`bench adapter has no kind for ${condition.field}`);
  const changed = { fact: fieldName, operator: `${kind}:changed`, value: { fact: `prev:${fieldName}` } };
  switch (condition.operator) {
    case 'changed':
      return changed;
    case 'changed_to':
      return { all: [changed, { fact: fieldName, operator: `${kind}:equals`, value: expectedValue(kind, condition.value) }] };
    case 'changed_from':
      return { all: [changed, { fact: `prev:${fieldName}`, operator: `${kind}:equals`, value: expectedValue(kind, condition.value) }] };
    default:
      return { fact: fieldName, operator: `${kind}:${condition.operator}`, value: condition.value === undefined ? null : expectedValue(kind, condition.value) };
  }
}

type JreCondition = ReturnType<typeof leaf>;

function fromLogic(node: LogicNode, leaves: JreCondition[]): JreCondition {
  switch (node.type) {
    case 'ref':
      return leaves[node.index - 1] as JreCondition;
    case 'not':
      return { not: fromLogic(node.operand, leaves) };
    case 'and':
      return { all: node.operands.map((operand) => fromLogic(operand, leaves)) };
    case 'or':
      return { any: node.operands.map((operand) => fromLogic(operand, leaves)) };
  }
}

interface OrderedRule {
  key: string;
  stopProcessing: boolean;
}

export interface JsonRulesEngineRunner {
  /** The rules selected for the event, in evaluation order (`rulesetId/ruleId`). */
  select(event: CaseEvent, previous: PreviousValues): Promise<string[]>;
}

export function buildJsonRulesEngine(rulesets: readonly Ruleset[]): JsonRulesEngineRunner {
  const ordered = rulesets.filter((ruleset) => ruleset.enabled).sort((a, b) => a.position - b.position);
  const engines = new Map<string, Engine>();
  const orders = new Map<string, OrderedRule[][]>();
  for (const change of ['create', 'update'] as const) {
    const engine = new Engine([], { allowUndefinedFacts: true });
    addOperators(engine);
    const order: OrderedRule[][] = [];
    for (const ruleset of ordered) {
      const list: OrderedRule[] = [];
      for (const rule of ruleset.rules) {
        if (rule.runOn.kind !== 'case' || (rule.runOn.on !== 'both' && rule.runOn.on !== change)) continue;
        const key = `${ruleset.id}/${rule.id}`;
        const leaves = rule.conditions.map(leaf);
        const logic = rule.filterLogic.kind === 'custom' ? parseFilterLogic(rule.filterLogic.expression) : logicForKind(rule.filterLogic.kind, leaves.length);
        const top = fromLogic(logic, leaves);
        const conditions = ('all' in top || 'any' in top || 'not' in top ? top : { all: [top] }) as TopLevelCondition;
        engine.addRule({ name: key, conditions, event: { type: 'matched', params: { key } } });
        list.push({ key, stopProcessing: rule.stopProcessing });
      }
      if (list.length > 0) order.push(list);
    }
    engines.set(change, engine);
    orders.set(change, order);
  }

  return {
    async select(event, previous) {
      const facts: Record<string, unknown> = { ...event.record };
      if (previous) for (const [name, value] of Object.entries(previous)) facts[`prev:${name}`] = value;
      const { results } = await (engines.get(event.change) as Engine).run(facts);
      const matched = new Set(results.map((result) => result.name));
      const selected: string[] = [];
      for (const list of orders.get(event.change) as OrderedRule[][]) {
        for (const rule of list) {
          if (!matched.has(rule.key)) continue;
          selected.push(rule.key);
          if (rule.stopProcessing) break;
        }
      }
      return selected;
    },
  };
}
