/**
 * The stored rules model: rulesets, rules, conditions, filter logic and actions as zod schemas
 * (the server validates request bodies with these, the UI builds forms from the same types).
 *
 * Shape only: whether a field exists, an operator fits its type or a template is valid needs the
 * field catalog and is checked by `compileRulesets` (see compile.ts).
 */
import { z } from 'zod';

/** Bumped whenever the stored shape changes; `migrateRulesetDocument` upgrades older documents. */
export const RULES_SCHEMA_VERSION = 1;

const idSchema = z.string().trim().min(1, 'Required').max(100, 'At most 100 characters');
/** Longest name of a ruleset or a rule, in characters. */
export const NAME_MAX_LENGTH = 80;
const nameSchema = z.string().trim().min(1, 'Enter a name').max(NAME_MAX_LENGTH, `At most ${NAME_MAX_LENGTH} characters`);

/** Webhook v3 incident event types that incident rules may react to. */
export const INCIDENT_EVENT_TYPES = [
  'incident.triggered',
  'incident.acknowledged',
  'incident.unacknowledged',
  'incident.resolved',
  'incident.reassigned',
  'incident.escalated',
  'incident.priority_updated',
  'incident.annotated',
  'incident.reopened',
  'incident.responder.added',
  'incident.responder.replied',
  'incident.status_update_published',
  'incident.workflow.started',
  'incident.workflow.completed',
  'incident.custom_field_values.updated',
  'incident.conference_bridge.updated',
] as const;
export type IncidentEventType = (typeof INCIDENT_EVENT_TYPES)[number];
export const incidentEventTypeSchema = z.enum(INCIDENT_EVENT_TYPES);

export const CASE_CHANGES = ['create', 'update'] as const;
export type CaseChange = (typeof CASE_CHANGES)[number];

export const runOnSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('case'), on: z.enum(['create', 'update', 'both']) }),
  z.strictObject({
    kind: z.literal('incident'),
    events: z
      .array(incidentEventTypeSchema)
      .min(1, 'Choose at least one PagerDuty event')
      .refine((events) => new Set(events).size === events.length, 'Each event may appear once'),
  }),
]);
export type RunOn = z.infer<typeof runOnSchema>;

export const OPERATOR_NAMES = [
  'equals',
  'not_equals',
  'contains',
  'not_contains',
  'starts_with',
  'ends_with',
  'in',
  'not_in',
  'lt',
  'lte',
  'gt',
  'gte',
  'is_blank',
  'is_not_blank',
  'changed',
  'changed_to',
  'changed_from',
] as const;
export type OperatorName = (typeof OPERATOR_NAMES)[number];

// zod 4's z.number() refuses NaN and ±Infinity, so configured numbers are finite.
const scalarValueSchema = z.union([z.string(), z.number(), z.boolean()]);
export const conditionValueSchema = z.union([scalarValueSchema, z.array(z.union([z.string(), z.number()]))]);
export type ConditionValue = z.infer<typeof conditionValueSchema>;

/**
 * One numbered condition (numbering is the 1-based position in `conditions`). `operator` is a
 * plain string here so an unknown operator gets the compiler's message with the list of valid
 * ones for the field's type rather than a bare enum error.
 */
export const conditionSchema = z.strictObject({
  field: z.string().trim().min(1, 'Choose a field'),
  operator: z.string().trim().min(1, 'Choose an operator'),
  value: conditionValueSchema.optional(),
});
export type Condition = z.infer<typeof conditionSchema>;

export const filterLogicSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('all') }),
  z.strictObject({ kind: z.literal('any') }),
  z.strictObject({
    kind: z.literal('custom'),
    expression: z.string().trim().min(1, 'Enter filter logic such as 1 AND (2 OR 3)').max(1000),
  }),
]);
export type FilterLogic = z.infer<typeof filterLogicSchema>;

/** A template string: literal text with `{{Case.Field}}` / `{{incident.field}}` placeholders. */
const templateSchema = z.string().max(32_000, 'At most 32,000 characters');
const urgencySchema = z.enum(['high', 'low']);

// Case rule actions (Salesforce → PagerDuty).
export const createIncidentActionSchema = z.strictObject({
  type: z.literal('create_incident'),
  serviceId: idSchema,
  urgency: urgencySchema.optional(),
  priorityId: idSchema.optional(),
  escalationPolicyId: idSchema.optional(),
  /** Overrides the object mapping's Incident Title Field when present. */
  title: templateSchema.min(1, 'Enter a title or remove the override').optional(),
  /** Overrides the object mapping's Incident Description Field when present. */
  details: templateSchema.optional(),
});
export const updateIncidentActionSchema = z
  .strictObject({
    type: z.literal('update_incident'),
    status: z.enum(['acknowledged', 'resolved']).optional(),
    assignToUserIds: z.array(idSchema).min(1, 'Choose at least one user').optional(),
    escalationPolicyId: idSchema.optional(),
    priorityId: idSchema.optional(),
    urgency: urgencySchema.optional(),
  })
  .refine(
    (action) =>
      action.status !== undefined ||
      action.assignToUserIds !== undefined ||
      action.escalationPolicyId !== undefined ||
      action.priorityId !== undefined ||
      action.urgency !== undefined,
    'Choose at least one change: status, assignees, escalation policy, priority or urgency',
  );
export const addNoteActionSchema = z.strictObject({
  type: z.literal('add_note'),
  content: templateSchema.min(1, 'Enter the note'),
});
/** PagerDuty numbers escalation levels from 1; policies have at most 20 rules. */
export const MAX_ESCALATION_LEVEL = 20;
export const escalateIncidentActionSchema = z.strictObject({
  type: z.literal('escalate_incident'),
  level: z.number().int('Enter a whole level').min(1, 'Levels start at 1').max(MAX_ESCALATION_LEVEL, `At most level ${MAX_ESCALATION_LEVEL}`),
});
/** PagerDuty's snooze accepts up to 604,800 seconds (7 days). */
export const MAX_SNOOZE_MINUTES = 7 * 24 * 60;
export const snoozeIncidentActionSchema = z.strictObject({
  type: z.literal('snooze_incident'),
  durationMinutes: z.number().int('Enter whole minutes').min(1, 'At least 1 minute').max(MAX_SNOOZE_MINUTES, 'At most 7 days (10,080 minutes)'),
});
export const resolveIncidentActionSchema = z.strictObject({
  type: z.literal('resolve_incident'),
  /** The resolution note (a template); PagerDuty adds it to the incident's Resolve log entry. */
  resolution: templateSchema.optional(),
});
export const addRespondersActionSchema = z
  .strictObject({
    type: z.literal('add_responders'),
    userIds: z.array(idSchema).optional(),
    escalationPolicyIds: z.array(idSchema).optional(),
    /** Sent with the responder request (a template). */
    message: templateSchema.min(1, 'Enter the message responders receive'),
  })
  .refine(
    (action) => (action.userIds?.length ?? 0) + (action.escalationPolicyIds?.length ?? 0) > 0,
    'Choose at least one user or escalation policy to add as responders',
  );
export const publishStatusUpdateActionSchema = z.strictObject({
  type: z.literal('publish_status_update'),
  message: templateSchema.min(1, 'Enter the status update'),
});
export const startIncidentWorkflowActionSchema = z.strictObject({
  type: z.literal('start_incident_workflow'),
  workflowId: idSchema,
});
export const setConferenceBridgeActionSchema = z
  .strictObject({
    type: z.literal('set_conference_bridge'),
    /** Dial-in number (a template), e.g. `+1 555 0100,,1234#`. */
    conferenceNumber: templateSchema.optional(),
    /** Meeting link (a template). */
    conferenceUrl: templateSchema.optional(),
  })
  .refine((action) => Boolean(action.conferenceNumber?.trim() || action.conferenceUrl?.trim()), 'Enter a conference number, a URL or both');

// Incident rule actions (PagerDuty → Salesforce). Keys of `values` are Case field API names.
const caseFieldValueSchema = z.union([templateSchema, z.number(), z.boolean(), z.null()]);
const caseValuesSchema = z.record(z.string().trim().min(1), caseFieldValueSchema);
export const setCaseFieldsActionSchema = z.strictObject({
  type: z.literal('set_case_fields'),
  values: caseValuesSchema.refine((values) => Object.keys(values).length > 0, 'Set at least one field'),
});
export const createCaseActionSchema = z.strictObject({
  type: z.literal('create_case'),
  values: caseValuesSchema,
});
export const addCaseCommentActionSchema = z.strictObject({
  type: z.literal('add_case_comment'),
  body: templateSchema.min(1, 'Enter the comment'),
  isPublished: z.boolean().optional(),
});

export const CASE_ACTION_TYPES = [
  'create_incident',
  'update_incident',
  'add_note',
  'escalate_incident',
  'snooze_incident',
  'resolve_incident',
  'add_responders',
  'publish_status_update',
  'start_incident_workflow',
  'set_conference_bridge',
] as const;
export const INCIDENT_ACTION_TYPES = ['set_case_fields', 'create_case', 'add_case_comment'] as const;

export const actionSchema = z.discriminatedUnion('type', [
  createIncidentActionSchema,
  updateIncidentActionSchema,
  addNoteActionSchema,
  escalateIncidentActionSchema,
  snoozeIncidentActionSchema,
  resolveIncidentActionSchema,
  addRespondersActionSchema,
  publishStatusUpdateActionSchema,
  startIncidentWorkflowActionSchema,
  setConferenceBridgeActionSchema,
  setCaseFieldsActionSchema,
  createCaseActionSchema,
  addCaseCommentActionSchema,
]);
export type Action = z.infer<typeof actionSchema>;
export type ActionType = Action['type'];
export type CreateIncidentAction = z.infer<typeof createIncidentActionSchema>;
export type UpdateIncidentAction = z.infer<typeof updateIncidentActionSchema>;
export type AddNoteAction = z.infer<typeof addNoteActionSchema>;
export type EscalateIncidentAction = z.infer<typeof escalateIncidentActionSchema>;
export type SnoozeIncidentAction = z.infer<typeof snoozeIncidentActionSchema>;
export type ResolveIncidentAction = z.infer<typeof resolveIncidentActionSchema>;
export type AddRespondersAction = z.infer<typeof addRespondersActionSchema>;
export type PublishStatusUpdateAction = z.infer<typeof publishStatusUpdateActionSchema>;
export type StartIncidentWorkflowAction = z.infer<typeof startIncidentWorkflowActionSchema>;
export type SetConferenceBridgeAction = z.infer<typeof setConferenceBridgeActionSchema>;
export type SetCaseFieldsAction = z.infer<typeof setCaseFieldsActionSchema>;
export type CreateCaseAction = z.infer<typeof createCaseActionSchema>;
export type AddCaseCommentAction = z.infer<typeof addCaseCommentActionSchema>;
export type CaseFieldValue = z.infer<typeof caseFieldValueSchema>;

export const ruleSchema = z
  .strictObject({
    id: idSchema,
    name: nameSchema,
    runOn: runOnSchema,
    conditions: z.array(conditionSchema).max(50, 'At most 50 conditions'),
    filterLogic: filterLogicSchema,
    actions: z.array(actionSchema).max(20, 'At most 20 actions'),
    /** When this rule matches, skip the remaining rules of its ruleset. */
    stopProcessing: z.boolean(),
  })
  .superRefine((rule, ctx) => {
    const allowed: readonly string[] = rule.runOn.kind === 'case' ? CASE_ACTION_TYPES : INCIDENT_ACTION_TYPES;
    rule.actions.forEach((action, index) => {
      if (!allowed.includes(action.type)) {
        ctx.addIssue({
          code: 'custom',
          path: ['actions', index, 'type'],
          message:
            rule.runOn.kind === 'case'
              ? `A Case rule can only ${CASE_ACTION_TYPES.join(', ')}; ${action.type} belongs to PagerDuty incident rules`
              : `A PagerDuty incident rule can only ${INCIDENT_ACTION_TYPES.join(', ')}; ${action.type} belongs to Case rules`,
        });
      }
    });
  });
export type Rule = z.infer<typeof ruleSchema>;

export const rulesetSchema = z
  .strictObject({
    id: idSchema,
    name: nameSchema,
    enabled: z.boolean(),
    /** Evaluation order among rulesets, ascending. */
    position: z.number().int().min(0),
    /** Evaluated in array order. */
    rules: z.array(ruleSchema).max(200, 'At most 200 rules per ruleset'),
  })
  .superRefine((ruleset, ctx) => {
    const seen = new Map<string, number>();
    ruleset.rules.forEach((rule, index) => {
      const first = seen.get(rule.id);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['rules', index, 'id'], message: `Duplicate rule id ${rule.id} (also rules[${first}])` });
      } else seen.set(rule.id, index);
    });
  });
export type Ruleset = z.infer<typeof rulesetSchema>;

/** The stored form of one ruleset: the ruleset plus the model version it was written with. */
export const storedRulesetSchema = z.strictObject({
  schemaVersion: z.literal(RULES_SCHEMA_VERSION),
  ruleset: rulesetSchema,
});
export type StoredRuleset = z.infer<typeof storedRulesetSchema>;

export function toStoredRuleset(ruleset: Ruleset): StoredRuleset {
  return { schemaVersion: RULES_SCHEMA_VERSION, ruleset };
}

/** A new ruleset as "Add Ruleset" creates it: disabled and empty. */
export function newRuleset(init: { id: string; name: string; position: number }): Ruleset {
  return { id: init.id, name: init.name, enabled: false, position: init.position, rules: [] };
}

/** A new rule as "Add Rule" creates it: runs on Case create or update, no conditions, no actions. */
export function newRule(init: { id: string; name: string }): Rule {
  return {
    id: init.id,
    name: init.name,
    runOn: { kind: 'case', on: 'both' },
    conditions: [],
    filterLogic: { kind: 'all' },
    actions: [],
    stopProcessing: false,
  };
}

/**
 * What makes two ruleset names the same: case and surrounding spaces are ignored ("Support" and
 * " support " are one name). Names must be unique because the sync log names a rule
 * "Ruleset › Rule"; the store keeps this key in a unique column.
 */
export function rulesetNameKey(name: string): string {
  return name.trim().normalize('NFC').toLowerCase();
}

/**
 * `name` itself when its key is free, else `name (2)`, `name (3)`… (shortened to stay within
 * NAME_MAX_LENGTH): how imports and the upgrade that made names unique keep every ruleset.
 */
export function uniqueRulesetName(name: string, takenKeys: ReadonlySet<string>): string {
  const base = name.trim();
  if (!takenKeys.has(rulesetNameKey(base))) return base;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    let cut = base.slice(0, NAME_MAX_LENGTH - suffix.length);
    // Never half of a character outside the Basic Multilingual Plane (a surrogate pair).
    if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
    const candidate = `${cut.trimEnd()}${suffix}`;
    if (!takenKeys.has(rulesetNameKey(candidate))) return candidate;
  }
}
