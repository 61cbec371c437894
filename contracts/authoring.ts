/**
 * Contracts of the authoring endpoints: OBJECT MAPPINGS, RULESETS and the live metadata their
 * pickers read. Declared once, imported by the server handlers, the web client and the tests.
 * Pure (zod + types, and types from the pure rules engine): safe in the web bundle.
 *
 * Rulesets travel in the rules engine's own model (`Ruleset`, `Rule`); the server validates them
 * with the engine's schemas and the live field catalog, and a 400 lists every problem as
 * `details.fields[] = {path, message}` with paths such as `rules[0].conditions[1].field`.
 */
import { z } from 'zod';
import type { RenderedAction, RuleTrace, Ruleset, RulesetExport, StarterParameter, ValueShape } from '../rules';
import { EXPORT_FORMAT } from '../rules/exchange';
import { INCIDENT_EVENT_TYPES, NAME_MAX_LENGTH, OPERATOR_NAMES, conditionValueSchema, rulesetSchema } from '../rules/model';
import type { EndpointGroup } from './endpoint';

// ── Metadata for the pickers ─────────────────────────────────────────────────────────────────
/** What value an operator takes (rules/operators.ts `ValueShape`): none, one, or a list. */
const valueShapes = ['none', 'single', 'list'] as const satisfies readonly ValueShape[];

export const operatorOptionSchema = z
  .strictObject({
    name: z.enum(OPERATOR_NAMES),
    label: z.string(),
    /** What value the operator takes: none, one, or a list. */
    value: z.enum(valueShapes),
  })
  .meta({ id: 'OperatorOption' });
export type OperatorOption = z.infer<typeof operatorOptionSchema>;

/** One Case field as the live describe reports it, with what the rule editor needs. */
export const caseFieldMetadataSchema = z
  .strictObject({
    name: z.string(),
    label: z.string(),
    /** The describe's type (`string`, `picklist`, `reference`, `address`, …). */
    type: z.string(),
    length: z.number().int().nullable(),
    /** Active picklist values, in the describe's order; empty for other types. */
    picklistValues: z.array(z.string()),
    restrictedPicklist: z.boolean(),
    createable: z.boolean(),
    updateable: z.boolean(),
    nillable: z.boolean(),
    defaultedOnCreate: z.boolean(),
    /** A Create Case action must set it: createable, not nillable, not defaulted, not a checkbox. */
    requiredForCreate: z.boolean(),
    /** Rules can use it (the engine handles its type); when false `operators` is empty. */
    supported: z.boolean(),
    operators: z.array(operatorOptionSchema),
  })
  .meta({ id: 'CaseFieldMetadata' });
export type CaseFieldMetadata = z.infer<typeof caseFieldMetadataSchema>;

export const caseFieldsReplySchema = z.strictObject({ fields: z.array(caseFieldMetadataSchema) }).meta({ id: 'CaseFieldsReply' });
export type CaseFieldsReply = z.infer<typeof caseFieldsReplySchema>;

/** One PagerDuty incident field a rule may read (`incident.<name>`). */
export const incidentFieldMetadataSchema = z
  .strictObject({
    key: z.string(),
    name: z.string(),
    label: z.string(),
    type: z.string(),
    picklistValues: z.array(z.string()),
    operators: z.array(operatorOptionSchema),
  })
  .meta({ id: 'IncidentFieldMetadata' });
export type IncidentFieldMetadata = z.infer<typeof incidentFieldMetadataSchema>;

export const incidentFieldsReplySchema = z
  .strictObject({ fields: z.array(incidentFieldMetadataSchema), eventTypes: z.array(z.string()) })
  .meta({ id: 'IncidentFieldsReply' });
export type IncidentFieldsReply = z.infer<typeof incidentFieldsReplySchema>;

export const pagerDutyServiceOptionSchema = z
  .strictObject({ id: z.string(), name: z.string(), escalationPolicyId: z.string().nullable() })
  .meta({ id: 'PagerDutyServiceOption' });
export type PagerDutyServiceOption = z.infer<typeof pagerDutyServiceOptionSchema>;
export const pagerDutyNamedOptionSchema = z.strictObject({ id: z.string(), name: z.string() }).meta({ id: 'PagerDutyNamedOption' });
export type PagerDutyNamedOption = z.infer<typeof pagerDutyNamedOptionSchema>;
export const pagerDutyUserOptionSchema = z.strictObject({ id: z.string(), name: z.string(), email: z.string() }).meta({ id: 'PagerDutyUserOption' });
export type PagerDutyUserOption = z.infer<typeof pagerDutyUserOptionSchema>;

/** One incident custom field definition (`GET /incidents/custom_fields`), as the rule editor offers it. */
export const pagerDutyCustomFieldChoiceSchema = z
  .strictObject({
    id: z.string(),
    /** The field's name: rules read it as `incident.custom_fields.<name>`. */
    name: z.string(),
    displayName: z.string(),
    /** PagerDuty's `data_type`: string, integer, float, boolean, url, datetime. */
    dataType: z.string(),
    /** PagerDuty's `field_type`: single_value, single_value_fixed, multi_value, multi_value_fixed. */
    fieldType: z.string(),
    /** The values of a fixed-options field, in PagerDuty's order; empty for the others. */
    options: z.array(z.string()),
  })
  .meta({ id: 'PagerDutyCustomFieldChoice' });
export type PagerDutyCustomFieldOption = z.infer<typeof pagerDutyCustomFieldChoiceSchema>;

export const pagerDutyMetadataReplySchema = z
  .strictObject({
    services: z.array(pagerDutyServiceOptionSchema),
    escalationPolicies: z.array(pagerDutyNamedOptionSchema),
    priorities: z.array(pagerDutyNamedOptionSchema),
    users: z.array(pagerDutyUserOptionSchema),
    /** The account's incident workflows (empty where the account has none or no access to them). */
    incidentWorkflows: z.array(pagerDutyNamedOptionSchema),
    /** The account's incident custom field definitions (empty where the account has none or no access). */
    incidentCustomFields: z.array(pagerDutyCustomFieldChoiceSchema),
    /** When this list was read from PagerDuty (it is cached for about a minute). */
    fetchedAt: z.string(),
  })
  .meta({ id: 'PagerDutyMetadataReply' });
export type PagerDutyMetadataReply = z.infer<typeof pagerDutyMetadataReplySchema>;

// ── OBJECT MAPPINGS ──────────────────────────────────────────────────────────────────────────
/** Case field types whose values read as text in an incident title or description. */
export const TEXT_LIKE_TYPES: ReadonlySet<string> = new Set(['string', 'textarea', 'picklist', 'combobox', 'email', 'phone', 'url']);
/** Case field types that can hold the incident number or URL the integration writes back. */
export const WRITABLE_TEXT_TYPES: ReadonlySet<string> = new Set(['string', 'textarea', 'url']);

const optionalFieldName = z.string().trim().min(1).max(80).nullable();

/**
 * "Status updates to Cases": what a PagerDuty status update on an incident becomes on each of its
 * linked Cases: nothing, an internal CaseComment, or a public one (IsPublished: the customer sees
 * it, e.g. in the portal). Default internal comment.
 */
export const STATUS_UPDATES_TO_CASES = ['off', 'internal_comment', 'public_comment'] as const;
export type StatusUpdatesToCases = (typeof STATUS_UPDATES_TO_CASES)[number];

export const objectMappingRequest = z
  .object({
    businessObject: z.literal('Case', { error: 'Case is the only business object' }),
    titleField: z.string().trim().min(1, 'Choose the Incident Title Field').max(80),
    descriptionField: optionalFieldName,
    syncCommentsToNotes: z.boolean(),
    /** Absent keeps the saved setting (clients older than the setting send none). */
    statusUpdatesToCases: z.enum(STATUS_UPDATES_TO_CASES, { error: `Choose one of ${STATUS_UPDATES_TO_CASES.join(', ')}` }).optional(),
    incidentNumberField: optionalFieldName,
    incidentUrlField: optionalFieldName,
    integrationUserEmail: z.email({ error: 'Enter the email of an existing PagerDuty user' }).max(254).nullable(),
  })
  .strict();
export type ObjectMappingRequest = z.infer<typeof objectMappingRequest>;

export const objectMappingReplySchema = objectMappingRequest
  .extend({
    statusUpdatesToCases: z.enum(STATUS_UPDATES_TO_CASES),
    /** The PagerDuty user the email matches; null when unset, unmatched, or PagerDuty is unreachable. */
    integrationUser: pagerDutyUserOptionSchema.nullable(),
    /** Why `integrationUser` could not be looked up, when it could not. */
    integrationUserProblem: z.string().nullable(),
  })
  .meta({ id: 'ObjectMappingReply' });
export type ObjectMappingReply = z.infer<typeof objectMappingReplySchema>;

// ── RULESETS ─────────────────────────────────────────────────────────────────────────────────
const rulesetName = z.string().trim().min(1, 'Enter a name').max(NAME_MAX_LENGTH, `At most ${NAME_MAX_LENGTH} characters`);

export const createRulesetRequest = z.object({ name: rulesetName }).strict();
export type CreateRulesetRequest = z.infer<typeof createRulesetRequest>;

export const patchRulesetRequest = z
  .object({ name: rulesetName.optional(), enabled: z.boolean().optional() })
  .strict()
  .refine((body) => body.name !== undefined || body.enabled !== undefined, 'Send name, enabled, or both');
export type PatchRulesetRequest = z.infer<typeof patchRulesetRequest>;

/**
 * PUT /api/rulesets/:id: the whole ruleset. `id` (if sent) must match the URL; `position` is
 * changed only by reorder, so it is taken from the stored ruleset. Validated by the engine.
 */
export type PutRulesetRequest = Omit<Ruleset, 'id' | 'position'> & { id?: string; position?: number };
/** Its shape, for the API document; the handler validates the body with the engine and the live field catalog. */
export const putRulesetRequestSchema = z
  .strictObject({ ...rulesetSchema.shape, id: z.string().optional(), position: z.number().int().min(0).optional() })
  .meta({ id: 'PutRulesetRequest' });

export const reorderRulesetsRequest = z
  .object({
    ids: z
      .array(z.string().min(1).max(100))
      .min(1, 'List the ruleset ids in their new order')
      .max(1000)
      .refine((ids) => new Set(ids).size === ids.length, 'Each ruleset may appear once'),
  })
  .strict();
export type ReorderRulesetsRequest = z.infer<typeof reorderRulesetsRequest>;

/** A ruleset as the engine stores it (rules/model.ts), published under one name. */
export const rulesetReplySchema = rulesetSchema.meta({ id: 'Ruleset' });

export const rulesetsReplySchema = z.strictObject({ rulesets: z.array(rulesetReplySchema) }).meta({ id: 'RulesetsReply' });
export type RulesetsReply = z.infer<typeof rulesetsReplySchema>;

/** The export document (rules/exchange.ts `RulesetExport`): what GET /api/rulesets/export answers and POST /api/rulesets/import takes. */
export const rulesetExportSchema = z
  .strictObject({
    format: z.literal(EXPORT_FORMAT),
    schemaVersion: z.number().int().min(0),
    exportedAt: z.string().optional(),
    rulesets: z.array(rulesetReplySchema),
  })
  .meta({ id: 'RulesetExport' }) satisfies z.ZodType<RulesetExport>;

/**
 * POST /api/rulesets/import: the export document; imported rulesets are always stored disabled.
 * Ruleset names are unique ignoring case and surrounding spaces: POST, PATCH and PUT answer 409
 * (`details.fields[0].path` = `name`) for a name in use; an import renames instead.
 */
export type ImportRulesetsRequest = RulesetExport;
/** Its shape, for the API document: the envelope; each ruleset is read in the document's schema version and migrated (rules/exchange.ts). */
export const importRulesetsRequestSchema = z
  .strictObject({
    format: z.literal(EXPORT_FORMAT),
    schemaVersion: z.number().int().min(0),
    exportedAt: z.string().optional(),
    rulesets: z
      .array(z.looseObject({}))
      .max(500)
      .meta({ description: 'Rulesets as the export of `schemaVersion` wrote them (the current version: the Ruleset schema).' }),
  })
  .meta({ id: 'ImportRulesetsRequest' });
export const importRulesetsReplySchema = z
  .strictObject({
    imported: z.array(rulesetReplySchema),
    /** Imported rulesets whose id was already in use got a new id: old → new. */
    renamedIds: z.record(z.string(), z.string()),
    /** Imported rulesets whose name was in use (or twice in the file) got a free one, "Name (2)"…, in import order. */
    renamedNames: z.array(z.strictObject({ from: z.string(), to: z.string() })),
  })
  .meta({ id: 'ImportRulesetsReply' });
export type ImportRulesetsReply = z.infer<typeof importRulesetsReplySchema>;

/** What a starter template needs chosen (rules/starters.ts `StarterParameter`; `service`: a PagerDuty service). */
const starterParameters = ['service'] as const satisfies readonly StarterParameter[];

/** One starter ruleset "Add from template" offers (rules/starters.ts). */
export const rulesetTemplateViewSchema = z
  .strictObject({
    key: z.string(),
    /** The ruleset's name once added. */
    name: z.string(),
    description: z.string(),
    /** What the admin chooses before adding it (`service`: a PagerDuty service). */
    needs: z.array(z.enum(starterParameters)),
    ruleNames: z.array(z.string()),
  })
  .meta({ id: 'RulesetTemplateView' });
export type RulesetTemplateView = z.infer<typeof rulesetTemplateViewSchema>;

export const rulesetTemplatesReplySchema = z.strictObject({ templates: z.array(rulesetTemplateViewSchema) }).meta({ id: 'RulesetTemplatesReply' });
export type RulesetTemplatesReply = z.infer<typeof rulesetTemplatesReplySchema>;

/** POST /api/rulesets/templates/:key: the choices the template needs. The ruleset is added disabled, after the others. */
export const addRulesetFromTemplateRequest = z
  .object({ serviceId: z.string().trim().min(1, 'Choose a PagerDuty service').max(100, 'At most 100 characters').optional() })
  .strict();
export type AddRulesetFromTemplateRequest = z.infer<typeof addRulesetFromTemplateRequest>;

export const ruleTestRequest = z.union([
  z
    .object({
      caseNumber: z.string().trim().min(1, 'Enter a Case number').max(30, 'At most 30 characters'),
      /** Which Case change to simulate; default: the rule's own (update when it runs on both). */
      change: z.enum(['create', 'update']).optional(),
    })
    .strict(),
  z
    .object({
      sampleEvent: z
        .object({
          eventType: z.enum(INCIDENT_EVENT_TYPES),
          /**
           * A real incident to read from PagerDuty: its number as the UI shows it ("41", "#41") or its
           * id; without it a built-in sample incident is used.
           */
          incidentId: z.string().trim().min(1).max(100).optional(),
        })
        .strict(),
    })
    .strict(),
]);
export type RuleTestRequest = z.infer<typeof ruleTestRequest>;

export interface RuleTestReply {
  /** What was evaluated. */
  event:
    | { kind: 'case'; change: 'create' | 'update'; caseId: string; caseNumber: string; usedSnapshot: boolean }
    | { kind: 'incident'; eventType: string; incidentId: string; incidentNumber: number; source: 'pagerduty' | 'sample' };
  /** The record the rule saw (Case fields by API name, or the flattened incident). */
  record: Record<string, unknown>;
  matched: boolean;
  trace: RuleTrace;
  actions: RenderedAction[];
  /**
   * Names of the PagerDuty ids the actions refer to (services, priorities, escalation policies,
   * users, incident workflows), for a readable preview; an id PagerDuty does not list is left
   * out, and the map is empty when PagerDuty could not be read.
   */
  pagerDutyNames: Record<string, string>;
}

/** A rule's evaluation (rules/evaluate.ts `RuleTrace`), per condition. */
export const ruleTraceSchema = z
  .strictObject({
    rulesetId: z.string(),
    rulesetName: z.string(),
    ruleId: z.string(),
    ruleName: z.string(),
    matched: z.boolean(),
    /** run_on: the rule does not run on this event; stopped: an earlier rule stopped the ruleset. */
    skippedReason: z.enum(['run_on', 'stopped']).optional(),
    conditions: z
      .array(
        z.strictObject({
          index: z.number().int(),
          field: z.string(),
          operator: z.enum(OPERATOR_NAMES),
          expected: conditionValueSchema.optional(),
          /** The value read from the event (as given, before normalization). */
          actual: z.unknown(),
          /** For changed / changed_to / changed_from: the snapshot's value (absent when unknown). */
          previous: z.unknown().optional(),
          outcome: z.boolean(),
          /** Why the outcome may surprise: an unreadable value, no previous value. */
          note: z.string().optional(),
        }),
      )
      // The engine shares one frozen list between the rules it skips (rules/evaluate.ts).
      .readonly(),
    logic: z.string(),
  })
  .meta({ id: 'RuleTrace' });

/**
 * The schema of `RuleTestReply` for the API document and the reply checks. Its actions are the
 * rule's actions with their templates filled (rules/actions.ts `RenderedAction`, a TypeScript
 * union the engine builds): published as objects keyed by `type`, the interface above stays their
 * precise type.
 */
export const ruleTestReplySchema = z
  .strictObject({
    event: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('case'), change: z.enum(['create', 'update']), caseId: z.string(), caseNumber: z.string(), usedSnapshot: z.boolean() }),
      z.strictObject({
        kind: z.literal('incident'),
        eventType: z.string(),
        incidentId: z.string(),
        incidentNumber: z.number().int(),
        source: z.enum(['pagerduty', 'sample']),
      }),
    ]),
    record: z.record(z.string(), z.unknown()),
    matched: z.boolean(),
    trace: ruleTraceSchema,
    actions: z.array(
      z.looseObject({ type: z.string() }).meta({ description: 'An action of the rule, its templates filled in (rules/actions.ts RenderedAction).' }),
    ),
    pagerDutyNames: z.record(z.string(), z.string()),
  })
  .meta({ id: 'RuleTestReply' });
/** Compiles only while T is `true`. */
type Holds<T extends true> = T;
/** Every engine trace, and every reply the interface allows, fits the published schema: a change to one that the other does not follow does not compile. */
export type RuleTestReplyFitsItsSchema = Holds<
  RuleTrace extends z.input<typeof ruleTraceSchema> ? (RuleTestReply extends z.input<typeof ruleTestReplySchema> ? true : false) : false
>;

/** The OBJECT MAPPINGS and RULESETS endpoints (fixed paths before `/api/rulesets/:id`, which would match them). */
export const authoringEndpoints = {
  getCaseFields: { method: 'GET', path: '/api/metadata/case-fields', access: 'admin', reply: caseFieldsReplySchema },
  getIncidentFields: { method: 'GET', path: '/api/metadata/incident-fields', access: 'admin', reply: incidentFieldsReplySchema },
  getPagerDutyMetadata: { method: 'GET', path: '/api/metadata/pagerduty', access: 'admin', reply: pagerDutyMetadataReplySchema },
  getObjectMapping: { method: 'GET', path: '/api/object-mapping', access: 'admin', reply: objectMappingReplySchema },
  putObjectMapping: { method: 'PUT', path: '/api/object-mapping', access: 'admin', body: objectMappingRequest, reply: objectMappingReplySchema },
  getRulesets: { method: 'GET', path: '/api/rulesets', access: 'admin', reply: rulesetsReplySchema },
  createRuleset: { method: 'POST', path: '/api/rulesets', access: 'admin', body: createRulesetRequest, reply: rulesetReplySchema, status: 201 },
  reorderRulesets: { method: 'POST', path: '/api/rulesets/reorder', access: 'admin', body: reorderRulesetsRequest, reply: rulesetsReplySchema },
  exportRulesets: { method: 'GET', path: '/api/rulesets/export', access: 'admin', reply: rulesetExportSchema },
  importRulesets: {
    method: 'POST',
    path: '/api/rulesets/import',
    access: 'admin',
    body: importRulesetsRequestSchema,
    reply: importRulesetsReplySchema,
    status: 201,
  },
  getRulesetTemplates: { method: 'GET', path: '/api/rulesets/templates', access: 'admin', reply: rulesetTemplatesReplySchema },
  addRulesetFromTemplate: {
    method: 'POST',
    path: '/api/rulesets/templates/:key',
    access: 'admin',
    body: addRulesetFromTemplateRequest,
    reply: rulesetReplySchema,
    status: 201,
  },
  getRuleset: { method: 'GET', path: '/api/rulesets/:id', access: 'admin', reply: rulesetReplySchema },
  patchRuleset: { method: 'PATCH', path: '/api/rulesets/:id', access: 'admin', body: patchRulesetRequest, reply: rulesetReplySchema },
  putRuleset: { method: 'PUT', path: '/api/rulesets/:id', access: 'admin', body: putRulesetRequestSchema, reply: rulesetReplySchema },
  deleteRuleset: { method: 'DELETE', path: '/api/rulesets/:id', access: 'admin', status: 204 },
  testRule: { method: 'POST', path: '/api/rulesets/:id/rules/:ruleId/test', access: 'admin', body: ruleTestRequest, reply: ruleTestReplySchema },
} as const satisfies EndpointGroup;

export { endpointPath } from './endpoint';
