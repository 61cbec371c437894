/**
 * The practical limit for `bench:rules`: what a person would write by hand for one known set of
 * rulesets, generated here so it follows the workload. For each enabled ruleset and each Case
 * trigger there is one straight-line JavaScript function: every rule is an `if` over plain local
 * comparisons (constants inlined, `in` lists unrolled to `===` chains), the matched rule's action
 * is an object literal, and its templates are strings rendered once per event. A per-event prologue
 * reads each field the rules use once, in the comparison form of rules/values.ts (the definition
 * of what a value means, which a hand-written function would have to follow too), and works out
 * "changed" for the fields change operators name.
 *
 * It covers only what bench/rulesWorkload.ts generates (Case rules; create_incident and add_note
 * actions) and throws on anything else. The benchmark checks that it selects the same rules and
 * renders the same actions as the evaluator on every event, so it is a limit for the same output,
 * not for a cheaper one. Bench-only code: it uses `new Function`, which the evaluator's browser
 * build may not; constants are written with JSON.stringify, so no text of a rule becomes code.
 */
import type { CaseEvent, FieldCatalog, FieldDef, LogicNode, PreviousValues, Ruleset, SelectedAction } from '../rules';
import { renderPlaceholder, logicForKind, lookupField, parseFilterLogic, valueTypeOf } from '../rules';
import { compileTemplate } from '../rules/templates';

export interface BaselineResult {
  matched: { rulesetId: string; ruleId: string }[];
  actions: SelectedAction[];
}

export type BaselineEvaluator = (event: CaseEvent, previous: PreviousValues) => BaselineResult;

const literal = (value: unknown): string => {
  const text = JSON.stringify(value) as string | undefined;
  if (text === undefined) throw new Error(`no literal for ${String(value)}`);
  return text;
};

interface FieldPlan {
  index: number;
  field: FieldDef;
  changed: boolean;
}

/** Generates the evaluator; also returns the source, which a reader can check is straight-line. */
export function buildBaseline(rulesets: readonly Ruleset[], catalog: FieldCatalog): { evaluate: BaselineEvaluator; source: string } {
  const fields = new Map<string, FieldPlan>();
  const fieldOf = (key: string): FieldPlan => {
    let plan = fields.get(key);
    if (!plan) {
      const field = lookupField(catalog, key);
      if (!field || field.scope !== 'case') throw new Error(`baseline: unsupported field ${key}`);
      plan = { index: fields.size, field, changed: false };
      fields.set(key, plan);
    }
    return plan;
  };
  const templates = new Map<string, number>();
  const templateOf = (source: string): string => {
    let index = templates.get(source);
    if (index === undefined) {
      index = templates.size;
      templates.set(source, index);
    }
    return `t${index}`;
  };

  /** The positive predicate on the read form `x` (null when blank), constants inlined. */
  function positive(plan: FieldPlan, operator: string, raw: unknown, x: string): string {
    const type = valueTypeOf(plan.field.kind);
    const parsed = (value: unknown) => {
      const result = type.parse(value);
      if (!result.ok) throw new Error(`baseline: ${result.message}`);
      return result.value;
    };
    const multi = plan.field.kind === 'multi';
    switch (operator) {
      case 'equals':
      case 'changed_to':
      case 'changed_from': {
        const value = parsed(raw);
        if (!multi) return `${x} === ${literal(value)}`;
        const wanted = value as string[];
        return `(${x} !== null && ${x}.length === ${wanted.length}${wanted.map((v) => ` && ${x}.includes(${literal(v)})`).join('')})`;
      }
      case 'contains': {
        const value = parsed(raw);
        if (!multi) return `(${x} !== null && ${x}.includes(${literal(value)}))`;
        return `(${x} !== null${(value as string[]).map((v) => ` && ${x}.includes(${literal(v)})`).join('')})`;
      }
      case 'starts_with':
        return `(${x} !== null && ${x}.startsWith(${literal(parsed(raw))}))`;
      case 'ends_with':
        return `(${x} !== null && ${x}.endsWith(${literal(parsed(raw))}))`;
      case 'lt':
      case 'lte':
      case 'gt':
      case 'gte': {
        const sign = { lt: '<', lte: '<=', gt: '>', gte: '>=' }[operator];
        return `(${x} !== null && ${x} ${sign} ${literal(parsed(raw))})`;
      }
      case 'in': {
        const values = (raw as unknown[]).map(parsed);
        if (!multi) return `(${[...new Set(values)].map((v) => `${x} === ${literal(v)}`).join(' || ')})`;
        const listed = [...new Set((values as string[][]).flat())];
        return `(${x} !== null && (${listed.map((v) => `${x}.includes(${literal(v)})`).join(' || ')}))`;
      }
      case 'is_blank':
        return `${x} === null`;
      default:
        throw new Error(`baseline: unsupported operator ${operator}`);
    }
  }

  function condition(key: string, operator: string, value: unknown): string {
    const plan = fieldOf(key);
    const x = `v${plan.index}`;
    switch (operator) {
      case 'not_equals':
        return `!(${positive(plan, 'equals', value, x)})`;
      case 'not_contains':
        return `!(${positive(plan, 'contains', value, x)})`;
      case 'not_in':
        return `!(${positive(plan, 'in', value, x)})`;
      case 'is_not_blank':
        return `${x} !== null`;
      case 'changed':
        plan.changed = true;
        return `c${plan.index}`;
      case 'changed_to':
        plan.changed = true;
        return `(c${plan.index} && ${positive(plan, operator, value, x)})`;
      case 'changed_from':
        plan.changed = true;
        return `(h${plan.index} && c${plan.index} && ${positive(plan, operator, value, `p${plan.index}`)})`;
      default:
        return positive(plan, operator, value, x);
    }
  }

  function logic(node: LogicNode, conditions: readonly string[]): string {
    switch (node.type) {
      case 'ref':
        return conditions[node.index - 1] as string;
      case 'not':
        return `!(${logic(node.operand, conditions)})`;
      case 'and':
      case 'or':
        return `(${node.operands.map((operand) => logic(operand, conditions)).join(node.type === 'and' ? ' && ' : ' || ')})`;
    }
  }

  const ordered = rulesets.filter((ruleset) => ruleset.enabled).sort((a, b) => a.position - b.position);
  const bodies: { name: string; lines: string[] }[] = [];
  const functionsByTrigger: Record<'create' | 'update', string[]> = { create: [], update: [] };
  ordered.forEach((ruleset, r) => {
    for (const change of ['create', 'update'] as const) {
      const lines: string[] = [];
      for (const rule of ruleset.rules) {
        if (rule.runOn.kind !== 'case' || (rule.runOn.on !== change && rule.runOn.on !== 'both')) continue;
        const conditions = rule.conditions.map((c) => condition(c.field, c.operator, c.value));
        const tree =
          rule.filterLogic.kind === 'custom'
            ? parseFilterLogic(rule.filterLogic.expression)
            : conditions.length > 0
              ? logicForKind(rule.filterLogic.kind, conditions.length)
              : null;
        const test = tree === null ? 'true' : logic(tree, conditions);
        const ids = `rulesetId: ${literal(ruleset.id)}, ruleId: ${literal(rule.id)}`;
        const actions = rule.actions.map((action) => {
          switch (action.type) {
            case 'create_incident': {
              if (action.priorityId !== undefined || action.escalationPolicyId !== undefined || action.details !== undefined) {
                throw new Error('baseline: unsupported create_incident options');
              }
              const parts = [`type: 'create_incident'`, `serviceId: ${literal(action.serviceId)}`];
              if (action.urgency !== undefined) parts.push(`urgency: ${literal(action.urgency)}`);
              if (action.title !== undefined) parts.push(`title: ${templateOf(action.title)}`);
              return `a.push({ ${ids}, action: { ${parts.join(', ')} } });`;
            }
            case 'add_note':
              return `a.push({ ${ids}, action: { type: 'add_note', content: ${templateOf(action.content)} } });`;
            default:
              throw new Error(`baseline: unsupported action ${action.type}`);
          }
        });
        lines.push(`if (${test}) { m.push({ ${ids} }); ${actions.join(' ')}${rule.stopProcessing ? ' return;' : ''} }`);
      }
      if (lines.length === 0) continue;
      const name = `r${r}_${change}`;
      functionsByTrigger[change].push(name);
      bodies.push({ name, lines });
    }
  });

  // Fields are known only after every condition was generated: now the prologue and signatures.
  const values = [...fields.values()];
  const params = values.flatMap((plan) => [`v${plan.index}`, ...(plan.changed ? [`c${plan.index}`, `h${plan.index}`, `p${plan.index}`] : [])]);
  const templateNames = [...templates.values()].map((index) => `t${index}`);
  const signature = [...params, ...templateNames, 'm', 'a'].join(', ');
  const functions = bodies.map(({ name, lines }) => `function ${name}(${signature}) {\n  ${lines.join('\n  ')}\n}`);
  const prologue = values.map((plan) => {
    const name = literal(plan.field.name);
    const lines = [`const raw${plan.index} = record[${name}];`, `const v${plan.index} = read(${plan.index}, raw${plan.index});`];
    if (plan.changed) {
      lines.push(
        `const h${plan.index} = previous !== undefined && Object.hasOwn(previous, ${name});`,
        `const p${plan.index} = h${plan.index} ? read(${plan.index}, previous[${name}]) : null;`,
        `const c${plan.index} = h${plan.index} ? exact(${plan.index}, raw${plan.index}) !== exact(${plan.index}, previous[${name}]) : changedFields !== undefined && changedFields.includes(${name});`,
      );
    }
    return lines.join('\n  ');
  });
  const templateLines = [...templates.entries()].map(([source, index]) => {
    const compiled = compileTemplate(source, catalog, 'case');
    if (!compiled.ok) throw new Error(`baseline: template ${source} does not compile`);
    const pieces = compiled.template.parts.map((part) =>
      'literal' in part
        ? literal(part.literal)
        : `text(record[${literal(part.field.name)}], ${part.fallback === undefined ? 'undefined' : literal(part.fallback)})`,
    );
    return `const t${index} = ${pieces.join(' + ')};`;
  });
  const call = (names: string[]) => names.map((name) => `${name}(${signature});`).join('\n    ');
  const source = `${functions.join('\n')}
return function evaluateBaseline(event, previous) {
  const record = event.record;
  const changedFields = event.changedFields;
  ${prologue.join('\n  ')}
  ${templateLines.join('\n  ')}
  const m = [];
  const a = [];
  if (event.change === 'create') {
    ${call(functionsByTrigger.create)}
  } else {
    ${call(functionsByTrigger.update)}
  }
  return { matched: m, actions: a };
};`;
  const types = values.map((plan) => valueTypeOf(plan.field.kind));
  const read = (index: number, raw: unknown) => {
    const value = (types[index] as (typeof types)[number]).read(raw);
    return typeof value === 'symbol' ? null : value;
  };
  const exact = (index: number, raw: unknown) => (types[index] as (typeof types)[number]).exact(raw);
  const text = renderPlaceholder;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the benchmark's hand-written limit, never shipped
  const factory = new Function('read', 'exact', 'text', source) as (r: typeof read, e: typeof exact, t: typeof text) => BaselineEvaluator;
  const evaluate = factory(read, exact, text);
  return { evaluate, source };
}
