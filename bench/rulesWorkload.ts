/**
 * The rules benchmark's workload, generated from a seeded PRNG so every run (and both engines)
 * sees the same rulesets and events: 50 rulesets × 20 rules × 3 conditions of mixed operators over
 * Case fields of every kind, and Case events (creates without a snapshot, updates with one).
 */
import type { CaseEvent, PreviousValues, Ruleset, Rule, Condition, FilterLogic, Action } from '../rules';

/** mulberry32: tiny, fast, good enough for workload generation. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const chance = (random: Random, p: number): boolean => random() < p;

const STATUSES = ['New', 'Working', 'Escalated', 'Closed'];
const PRIORITIES = ['High', 'Medium', 'Low'];
const ORIGINS = ['Phone', 'Email', 'Web'];
const PRODUCTS = ['Billing', 'API', 'Mobile', 'Web'];
const WORDS = ['disk', 'Outage', 'login', 'ERROR', 'slow', 'payment', 'timeout', 'api', 'Crash', 'refund'];

/** The Case fields the workload touches, with the kind that drives operator choice. */
const FIELDS = [
  { name: 'Status', kind: 'picklist' },
  { name: 'Priority', kind: 'picklist' },
  { name: 'Origin', kind: 'picklist' },
  { name: 'Subject', kind: 'text' },
  { name: 'Severity__c', kind: 'number' },
  { name: 'Impact_Score__c', kind: 'number' },
  { name: 'IsEscalated', kind: 'boolean' },
  { name: 'Products__c', kind: 'multi' },
  { name: 'Due_Date__c', kind: 'date' },
  { name: 'CreatedDate', kind: 'datetime' },
] as const;
type WorkloadField = (typeof FIELDS)[number];

function dateIn2024(random: Random): string {
  const day = 1 + Math.floor(random() * 365);
  return new Date(Date.UTC(2024, 0, day)).toISOString().slice(0, 10);
}

function dateTimeIn2024(random: Random): string {
  return new Date(Date.UTC(2024, 0, 1) + Math.floor(random() * 365 * 86_400) * 1000).toISOString();
}

function subset(random: Random, items: readonly string[]): string[] {
  const out = items.filter(() => chance(random, 0.35));
  return out.length > 0 ? out : [pick(random, items)];
}

function condition(random: Random, field: WorkloadField): Condition {
  const key = `Case.${field.name}`;
  const changeOp = chance(random, 0.12) ? pick(random, ['changed', 'changed_to', 'changed_from'] as const) : null;
  switch (field.kind) {
    case 'picklist': {
      const values = field.name === 'Status' ? STATUSES : field.name === 'Priority' ? PRIORITIES : ORIGINS;
      if (changeOp === 'changed') return { field: key, operator: 'changed' };
      if (changeOp) return { field: key, operator: changeOp, value: pick(random, values) };
      const op = pick(random, ['equals', 'equals', 'equals', 'in', 'in', 'not_equals', 'not_in', 'is_blank', 'is_not_blank'] as const);
      if (op === 'in' || op === 'not_in')
        return { field: key, operator: op, value: subset(random, values).map((v) => (chance(random, 0.5) ? v.toUpperCase() : v)) };
      if (op === 'is_blank' || op === 'is_not_blank') return { field: key, operator: op };
      return { field: key, operator: op, value: chance(random, 0.3) ? pick(random, values).toLowerCase() : pick(random, values) };
    }
    case 'text': {
      if (changeOp === 'changed') return { field: key, operator: 'changed' };
      const op = pick(random, ['contains', 'contains', 'not_contains', 'starts_with', 'ends_with', 'equals', 'is_blank'] as const);
      if (op === 'is_blank') return { field: key, operator: op };
      return { field: key, operator: op, value: pick(random, WORDS).toLowerCase() };
    }
    case 'number': {
      if (changeOp === 'changed') return { field: key, operator: 'changed' };
      const op = pick(random, ['lt', 'lte', 'gt', 'gte', 'equals', 'not_equals', 'in', 'is_not_blank'] as const);
      if (op === 'in') return { field: key, operator: op, value: [1 + Math.floor(random() * 5), 1 + Math.floor(random() * 5)] };
      if (op === 'is_not_blank') return { field: key, operator: op };
      const n = field.name === 'Severity__c' ? 1 + Math.floor(random() * 5) : Math.round(random() * 1000) / 10;
      return { field: key, operator: op, value: chance(random, 0.2) ? String(n) : n };
    }
    case 'boolean':
      if (changeOp) return { field: key, operator: 'changed' };
      return { field: key, operator: pick(random, ['equals', 'not_equals'] as const), value: chance(random, 0.5) };
    case 'multi': {
      const op = pick(random, ['contains', 'not_contains', 'in', 'not_in', 'equals', 'is_blank'] as const);
      if (op === 'is_blank') return { field: key, operator: op };
      if (op === 'in' || op === 'not_in') return { field: key, operator: op, value: subset(random, PRODUCTS) };
      return { field: key, operator: op, value: subset(random, PRODUCTS).slice(0, 2).join(';') };
    }
    case 'date': {
      if (changeOp === 'changed') return { field: key, operator: 'changed' };
      return { field: key, operator: pick(random, ['lt', 'gte', 'gt', 'lte'] as const), value: dateIn2024(random) };
    }
    case 'datetime': {
      const op = pick(random, ['lt', 'gte', 'is_blank'] as const);
      return op === 'is_blank' ? { field: key, operator: op } : { field: key, operator: op, value: dateTimeIn2024(random) };
    }
  }
}

const CUSTOM_LOGIC = ['1 AND (2 OR 3)', '(1 OR 2) AND NOT 3', '(NOT 1 OR 2) AND 3', '1 AND NOT (2 AND 3)'];

function filterLogic(random: Random): FilterLogic {
  const r = random();
  if (r < 0.75) return { kind: 'all' };
  if (r < 0.85) return { kind: 'any' };
  return { kind: 'custom', expression: pick(random, CUSTOM_LOGIC) };
}

function actions(random: Random, ruleIndex: number): Action[] {
  if (chance(random, 0.5)) {
    return [
      {
        type: 'create_incident',
        serviceId: `PSVC${ruleIndex % 7}`,
        urgency: chance(random, 0.5) ? 'high' : 'low',
        title: 'Case {{Case.CaseNumber}}: {{Case.Subject}}',
      },
    ];
  }
  return [{ type: 'add_note', content: 'Status is now {{Case.Status}} (priority {{Case.Priority}})' }];
}

export interface WorkloadShape {
  rulesets: number;
  rulesPerRuleset: number;
  conditionsPerRule: number;
  events: number;
}

export const ISSUE_WORKLOAD: WorkloadShape = { rulesets: 50, rulesPerRuleset: 20, conditionsPerRule: 3, events: 100_000 };

export function generateRulesets(shape: WorkloadShape, seed: number): Ruleset[] {
  const random = prng(seed);
  const rulesets: Ruleset[] = [];
  for (let s = 0; s < shape.rulesets; s++) {
    const rules: Rule[] = [];
    for (let r = 0; r < shape.rulesPerRuleset; r++) {
      const conditions: Condition[] = [];
      for (let c = 0; c < shape.conditionsPerRule; c++) conditions.push(condition(random, pick(random, FIELDS)));
      const logic = filterLogic(random);
      rules.push({
        id: `rule-${s}-${r}`,
        name: `Rule ${s}.${r}`,
        runOn: { kind: 'case', on: pick(random, ['create', 'update', 'both'] as const) },
        conditions,
        filterLogic: logic.kind === 'custom' && shape.conditionsPerRule !== 3 ? { kind: 'all' } : logic,
        actions: actions(random, r),
        stopProcessing: chance(random, 0.1),
      });
    }
    // Positions deliberately not in array order: evaluation must sort them.
    rulesets.push({ id: `ruleset-${s}`, name: `Ruleset ${s}`, enabled: s % 10 !== 9, position: (s * 37) % shape.rulesets, rules });
  }
  return rulesets;
}

function caseRecord(random: Random, n: number): Record<string, unknown> {
  const blank = () => chance(random, 0.08);
  const severity = 1 + Math.floor(random() * 5);
  return {
    Id: `500000000${String(n).padStart(6, '0')}AAA`,
    CaseNumber: String(n).padStart(8, '0'),
    Subject: blank() ? null : `${pick(random, WORDS)} ${pick(random, WORDS)} ${pick(random, WORDS)}`,
    Status: blank() ? '' : pick(random, STATUSES),
    Priority: blank() ? null : pick(random, PRIORITIES).toLowerCase() === 'high' && chance(random, 0.5) ? 'HIGH' : pick(random, PRIORITIES),
    Origin: blank() ? null : pick(random, ORIGINS),
    Severity__c: blank() ? null : chance(random, 0.2) ? `${severity}.0` : severity,
    Impact_Score__c: blank() ? null : Math.round(random() * 1000) / 10,
    IsEscalated: blank() ? null : chance(random, 0.3),
    Products__c: blank() ? null : subset(random, PRODUCTS).join(';'),
    Due_Date__c: blank() ? null : dateIn2024(random),
    CreatedDate: dateTimeIn2024(random),
  };
}

const MUTABLE = ['Subject', 'Status', 'Priority', 'Origin', 'Severity__c', 'Impact_Score__c', 'IsEscalated', 'Products__c', 'Due_Date__c'] as const;

export interface WorkloadEvent {
  event: CaseEvent;
  previous: PreviousValues;
}

export function generateEvents(shape: WorkloadShape, seed: number): WorkloadEvent[] {
  const random = prng(seed);
  const out: WorkloadEvent[] = [];
  for (let i = 0; i < shape.events; i++) {
    const record = caseRecord(random, i);
    if (chance(random, 0.3)) {
      out.push({ event: { kind: 'case', change: 'create', record }, previous: undefined });
      continue;
    }
    // The snapshot is the same Case before one to three fields were edited.
    const previous: Record<string, unknown> = { ...record };
    const other = caseRecord(random, i);
    const edits = 1 + Math.floor(random() * 3);
    for (let e = 0; e < edits; e++) {
      const name = pick(random, MUTABLE);
      previous[name] = other[name];
    }
    out.push({ event: { kind: 'case', change: 'update', record }, previous });
  }
  return out;
}
