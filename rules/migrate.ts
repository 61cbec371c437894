/**
 * Stored rulesets carry the model version they were written with; this upgrades older documents
 * to the current model so rules saved by an earlier release keep working.
 *
 * Version 0 (before `schemaVersion` existed) stored a ruleset directly, with per rule:
 * - `runOn` as a string: `case_create`, `case_update`, `case_create_or_update` or `incident`,
 *   and the incident event kinds in a separate `incidentEvents` array (missing meant every kind);
 * - `filterLogic` as a plain string: `AND`, `OR` or a custom expression (missing meant `AND`);
 * - operators `in_list` / `not_in_list`, whose value was one comma-separated string;
 * - `stopProcessing` optional (missing meant false); `enabled` and `position` optional.
 * Version 1 is `{ schemaVersion: 1, ruleset }` with the ruleset as model.ts defines it.
 */
import { z } from 'zod';
import type { FilterLogic, Ruleset, RunOn } from './model';
import { RULES_SCHEMA_VERSION, rulesetSchema, storedRulesetSchema } from './model';
import type { RuleError } from './paths';
import { issuesToErrors } from './paths';

export class RulesetDocumentError extends Error {
  override readonly name = 'RulesetDocumentError';
  constructor(readonly errors: RuleError[]) {
    super(`Invalid ruleset document: ${errors.map((e) => `${e.path || '(document)'}: ${e.message}`).join('; ')}`);
  }
}

/**
 * What "every kind" meant for version 0: the event kinds of that release. Later kinds (responders,
 * status updates, workflows…) are not added to old rules, which never asked for them.
 */
const V0_INCIDENT_EVENT_TYPES = [
  'incident.triggered',
  'incident.acknowledged',
  'incident.unacknowledged',
  'incident.resolved',
  'incident.reassigned',
  'incident.escalated',
  'incident.priority_updated',
  'incident.annotated',
  'incident.reopened',
] as const;

const v0ConditionSchema = z.looseObject({
  field: z.string(),
  operator: z.string(),
  value: z.unknown().optional(),
});

const v0RuleSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  runOn: z.enum(['case_create', 'case_update', 'case_create_or_update', 'incident']),
  incidentEvents: z.array(z.string()).optional(),
  conditions: z.array(v0ConditionSchema).default([]),
  filterLogic: z.string().optional(),
  actions: z.array(z.unknown()).default([]),
  stopProcessing: z.boolean().optional(),
});

const v0RulesetSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  enabled: z.boolean().optional(),
  position: z.number().optional(),
  rules: z.array(v0RuleSchema).default([]),
});
type V0Rule = z.infer<typeof v0RuleSchema>;

function migrateRunOn(rule: V0Rule): RunOn {
  switch (rule.runOn) {
    case 'case_create':
      return { kind: 'case', on: 'create' };
    case 'case_update':
      return { kind: 'case', on: 'update' };
    case 'case_create_or_update':
      return { kind: 'case', on: 'both' };
    case 'incident':
      // Validated by the v1 schema right after; an unknown kind is reported there with its path.
      return { kind: 'incident', events: (rule.incidentEvents ?? [...V0_INCIDENT_EVENT_TYPES]) as Extract<RunOn, { kind: 'incident' }>['events'] };
  }
}

function migrateFilterLogic(text: string | undefined): FilterLogic {
  const trimmed = (text ?? 'AND').trim();
  if (trimmed.toUpperCase() === 'AND' || trimmed === '') return { kind: 'all' };
  if (trimmed.toUpperCase() === 'OR') return { kind: 'any' };
  return { kind: 'custom', expression: trimmed };
}

const RENAMED_OPERATORS: Record<string, string> = { in_list: 'in', not_in_list: 'not_in' };

function migrateV0(document: unknown): unknown {
  const parsed = v0RulesetSchema.safeParse(document);
  if (!parsed.success) throw new RulesetDocumentError(issuesToErrors(parsed.error.issues));
  const v0 = parsed.data;
  return {
    id: v0.id,
    name: v0.name,
    enabled: v0.enabled ?? false,
    position: v0.position ?? 0,
    rules: v0.rules.map((rule) => ({
      id: rule.id,
      name: rule.name,
      runOn: migrateRunOn(rule),
      conditions: rule.conditions.map((condition) => {
        const operator = RENAMED_OPERATORS[condition.operator] ?? condition.operator;
        const listValue =
          operator !== condition.operator && typeof condition.value === 'string'
            ? condition.value
                .split(',')
                .map((v) => v.trim())
                .filter((v) => v !== '')
            : condition.value;
        return listValue === undefined ? { field: condition.field, operator } : { field: condition.field, operator, value: listValue };
      }),
      filterLogic: migrateFilterLogic(rule.filterLogic),
      actions: rule.actions,
      stopProcessing: rule.stopProcessing ?? false,
    })),
  };
}

/** Upgrades a ruleset from any known version to the current model (0 → 1 today). */
export function migrateRuleset(version: number, ruleset: unknown): Ruleset {
  if (!Number.isInteger(version) || version < 0) {
    throw new RulesetDocumentError([{ path: 'schemaVersion', message: `Unknown schema version ${version}` }]);
  }
  if (version > RULES_SCHEMA_VERSION) {
    throw new RulesetDocumentError([
      { path: 'schemaVersion', message: `Written by a newer release (schema version ${version}; this one reads up to ${RULES_SCHEMA_VERSION}); upgrade first` },
    ]);
  }
  const current = version === 0 ? migrateV0(ruleset) : ruleset;
  const parsed = rulesetSchema.safeParse(current);
  if (!parsed.success) throw new RulesetDocumentError(issuesToErrors(parsed.error.issues));
  return parsed.data;
}

/**
 * Reads a stored ruleset document of any version: `{ schemaVersion, ruleset }`, or a bare
 * version-0 ruleset. Throws `RulesetDocumentError` (stored data should always be valid).
 */
export function migrateRulesetDocument(document: unknown): Ruleset {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new RulesetDocumentError([{ path: '', message: 'A ruleset document must be an object' }]);
  }
  const version = (document as { schemaVersion?: unknown }).schemaVersion;
  if (version === undefined) return migrateRuleset(0, document);
  if (version === RULES_SCHEMA_VERSION) {
    const parsed = storedRulesetSchema.safeParse(document);
    if (!parsed.success) throw new RulesetDocumentError(issuesToErrors(parsed.error.issues));
    return parsed.data.ruleset;
  }
  if (typeof version !== 'number') throw new RulesetDocumentError([{ path: 'schemaVersion', message: 'Must be a number' }]);
  return migrateRuleset(version, (document as { ruleset?: unknown }).ruleset);
}
