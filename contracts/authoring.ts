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
import type { OperatorName, RenderedAction, RuleTrace, Ruleset, RulesetExport, StarterParameter, ValueShape } from '../rules';
import { INCIDENT_EVENT_TYPES, NAME_MAX_LENGTH } from '../rules/model';
import { typeOnly, type EndpointGroup } from './endpoint';

// ── Metadata for the pickers ─────────────────────────────────────────────────────────────────
export interface OperatorOption {
  name: OperatorName;
  label: string;
  /** What value the operator takes: none, one, or a list. */
  value: ValueShape;
}

/** One Case field as the live describe reports it, with what the rule editor needs. */
export interface CaseFieldMetadata {
  name: string;
  label: string;
  /** The describe's type (`string`, `picklist`, `reference`, `address`, …). */
  type: string;
  length: number | null;
  /** Active picklist values, in the describe's order; empty for other types. */
  picklistValues: string[];
  restrictedPicklist: boolean;
  createable: boolean;
  updateable: boolean;
  nillable: boolean;
  defaultedOnCreate: boolean;
  /** A Create Case action must set it: createable, not nillable, not defaulted, not a checkbox. */
  requiredForCreate: boolean;
  /** Rules can use it (the engine handles its type); when false `operators` is empty. */
  supported: boolean;
  operators: OperatorOption[];
}

export interface CaseFieldsReply {
  fields: CaseFieldMetadata[];
}

/** One PagerDuty incident field a rule may read (`incident.<name>`). */
export interface IncidentFieldMetadata {
  key: string;
  name: string;
  label: string;
  type: string;
  picklistValues: string[];
  operators: OperatorOption[];
}

export interface IncidentFieldsReply {
  fields: IncidentFieldMetadata[];
  eventTypes: string[];
}

export interface PagerDutyServiceOption {
  id: string;
  name: string;
  escalationPolicyId: string | null;
}
export interface PagerDutyNamedOption {
  id: string;
  name: string;
}
export interface PagerDutyUserOption {
  id: string;
  name: string;
  email: string;
}

/** One incident custom field definition (`GET /incidents/custom_fields`), as the rule editor offers it. */
export interface PagerDutyCustomFieldOption {
  id: string;
  /** The field's name: rules read it as `incident.custom_fields.<name>`. */
  name: string;
  displayName: string;
  /** PagerDuty's `data_type`: string, integer, float, boolean, url, datetime. */
  dataType: string;
  /** PagerDuty's `field_type`: single_value, single_value_fixed, multi_value, multi_value_fixed. */
  fieldType: string;
  /** The values of a fixed-options field, in PagerDuty's order; empty for the others. */
  options: string[];
}

export interface PagerDutyMetadataReply {
  services: PagerDutyServiceOption[];
  escalationPolicies: PagerDutyNamedOption[];
  priorities: PagerDutyNamedOption[];
  users: PagerDutyUserOption[];
  /** The account's incident workflows (empty where the account has none or no access to them). */
  incidentWorkflows: PagerDutyNamedOption[];
  /** The account's incident custom field definitions (empty where the account has none or no access). */
  incidentCustomFields: PagerDutyCustomFieldOption[];
  /** When this list was read from PagerDuty (it is cached for about a minute). */
  fetchedAt: string;
}

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

export interface ObjectMappingReply extends ObjectMappingRequest {
  statusUpdatesToCases: StatusUpdatesToCases;
  /** The PagerDuty user the email matches; null when unset, unmatched, or PagerDuty is unreachable. */
  integrationUser: PagerDutyUserOption | null;
  /** Why `integrationUser` could not be looked up, when it could not. */
  integrationUserProblem: string | null;
}

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

export interface RulesetsReply {
  rulesets: Ruleset[];
}

/**
 * POST /api/rulesets/import: the export document; imported rulesets are always stored disabled.
 * Ruleset names are unique ignoring case and surrounding spaces: POST, PATCH and PUT answer 409
 * (`details.fields[0].path` = `name`) for a name in use; an import renames instead.
 */
export type ImportRulesetsRequest = RulesetExport;
export interface ImportRulesetsReply {
  imported: Ruleset[];
  /** Imported rulesets whose id was already in use got a new id: old → new. */
  renamedIds: Record<string, string>;
  /** Imported rulesets whose name was in use (or twice in the file) got a free one, "Name (2)"…, in import order. */
  renamedNames: { from: string; to: string }[];
}

/** One starter ruleset "Add from template" offers (rules/starters.ts). */
export interface RulesetTemplateView {
  key: string;
  /** The ruleset's name once added. */
  name: string;
  description: string;
  /** What the admin chooses before adding it (`service`: a PagerDuty service). */
  needs: StarterParameter[];
  ruleNames: string[];
}

export interface RulesetTemplatesReply {
  templates: RulesetTemplateView[];
}

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

/** The OBJECT MAPPINGS and RULESETS endpoints (fixed paths before `/api/rulesets/:id`, which would match them). */
export const authoringEndpoints = {
  getCaseFields: { method: 'GET', path: '/api/metadata/case-fields', access: 'admin', reply: typeOnly<CaseFieldsReply>() },
  getIncidentFields: { method: 'GET', path: '/api/metadata/incident-fields', access: 'admin', reply: typeOnly<IncidentFieldsReply>() },
  getPagerDutyMetadata: { method: 'GET', path: '/api/metadata/pagerduty', access: 'admin', reply: typeOnly<PagerDutyMetadataReply>() },
  getObjectMapping: { method: 'GET', path: '/api/object-mapping', access: 'admin', reply: typeOnly<ObjectMappingReply>() },
  putObjectMapping: { method: 'PUT', path: '/api/object-mapping', access: 'admin', body: objectMappingRequest, reply: typeOnly<ObjectMappingReply>() },
  getRulesets: { method: 'GET', path: '/api/rulesets', access: 'admin', reply: typeOnly<RulesetsReply>() },
  createRuleset: { method: 'POST', path: '/api/rulesets', access: 'admin', body: createRulesetRequest, reply: typeOnly<Ruleset>(), status: 201 },
  reorderRulesets: { method: 'POST', path: '/api/rulesets/reorder', access: 'admin', body: reorderRulesetsRequest, reply: typeOnly<RulesetsReply>() },
  exportRulesets: { method: 'GET', path: '/api/rulesets/export', access: 'admin', reply: typeOnly<RulesetExport>() },
  importRulesets: {
    method: 'POST',
    path: '/api/rulesets/import',
    access: 'admin',
    body: typeOnly<ImportRulesetsRequest>(),
    reply: typeOnly<ImportRulesetsReply>(),
    status: 201,
  },
  getRulesetTemplates: { method: 'GET', path: '/api/rulesets/templates', access: 'admin', reply: typeOnly<RulesetTemplatesReply>() },
  addRulesetFromTemplate: {
    method: 'POST',
    path: '/api/rulesets/templates/:key',
    access: 'admin',
    body: addRulesetFromTemplateRequest,
    reply: typeOnly<Ruleset>(),
    status: 201,
  },
  getRuleset: { method: 'GET', path: '/api/rulesets/:id', access: 'admin', reply: typeOnly<Ruleset>() },
  patchRuleset: { method: 'PATCH', path: '/api/rulesets/:id', access: 'admin', body: patchRulesetRequest, reply: typeOnly<Ruleset>() },
  putRuleset: { method: 'PUT', path: '/api/rulesets/:id', access: 'admin', body: typeOnly<PutRulesetRequest>(), reply: typeOnly<Ruleset>() },
  deleteRuleset: { method: 'DELETE', path: '/api/rulesets/:id', access: 'admin', status: 204 },
  testRule: { method: 'POST', path: '/api/rulesets/:id/rules/:ruleId/test', access: 'admin', body: ruleTestRequest, reply: typeOnly<RuleTestReply>() },
} as const satisfies EndpointGroup;

export { endpointPath } from './endpoint';
