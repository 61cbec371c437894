/**
 * The field catalog: which fields conditions and templates may reference, with their types.
 *
 * Case fields come from the live Salesforce describe (`CaseFieldInfo`, built with
 * `caseFieldInfoFromDescribe`); PagerDuty incident fields are fixed (`INCIDENT_FIELDS`).
 * Keys are what rules store: `Case.<ApiName>` and `incident.<name>`. A rule's record is keyed by
 * the part after the dot: the Case record by API name, the flattened incident (`IncidentRecord`)
 * by the incident field name.
 */
import { INCIDENT_EVENT_TYPES } from './model';

/** Field types as Salesforce's describe names them (the ones a Case rule can use). */
export const SALESFORCE_FIELD_TYPES = [
  'string',
  'picklist',
  'multipicklist',
  'combobox',
  'boolean',
  'int',
  'double',
  'currency',
  'percent',
  'date',
  'datetime',
  'reference',
  'id',
  'email',
  'phone',
  'textarea',
  'url',
] as const;
export type SalesforceFieldType = (typeof SALESFORCE_FIELD_TYPES)[number];

/**
 * How values of a type are read and compared; operators are defined per kind.
 * text: case-insensitive strings; id: Salesforce Ids (15 → 18 characters); number; boolean;
 * date (calendar day); datetime (instant); multi: a set of values (`A;B;C` or an array).
 */
export type ValueKind = 'text' | 'id' | 'number' | 'boolean' | 'date' | 'datetime' | 'multi';

const KIND_BY_TYPE: Record<SalesforceFieldType, ValueKind> = {
  string: 'text',
  picklist: 'text',
  combobox: 'text',
  email: 'text',
  phone: 'text',
  textarea: 'text',
  url: 'text',
  multipicklist: 'multi',
  boolean: 'boolean',
  int: 'number',
  double: 'number',
  currency: 'number',
  percent: 'number',
  date: 'date',
  datetime: 'datetime',
  reference: 'id',
  id: 'id',
};

export function kindOfType(type: SalesforceFieldType): ValueKind {
  return KIND_BY_TYPE[type];
}

/** What the rules engine needs from one Case field of the describe. */
export interface CaseFieldInfo {
  name: string;
  label: string;
  type: SalesforceFieldType;
  /** Active picklist values (picklist, multipicklist, combobox). */
  picklistValues?: readonly string[];
  /** Whether values outside `picklistValues` are rejected by Salesforce. */
  restrictedPicklist?: boolean;
  createable: boolean;
  nillable: boolean;
  defaultedOnCreate: boolean;
  updateable: boolean;
}

export type FieldScope = 'case' | 'incident';

export interface FieldDef {
  /** What rules store: `Case.Subject`, `incident.status`. */
  key: string;
  /** Key in the event's record: `Subject`, `status`. */
  name: string;
  label: string;
  scope: FieldScope;
  type: SalesforceFieldType;
  kind: ValueKind;
  picklistValues?: readonly string[];
  restrictedPicklist: boolean;
  createable: boolean;
  updateable: boolean;
  nillable: boolean;
  defaultedOnCreate: boolean;
  /** False for values that describe the event rather than the record (no previous value exists). */
  trackable: boolean;
}

export interface FieldCatalog {
  readonly fields: ReadonlyMap<string, FieldDef>;
}

/** The flattened incident a PagerDuty rule sees (built by the server from a webhook and REST reads). */
export interface IncidentRecord {
  id: string;
  number: number;
  title: string;
  status: 'triggered' | 'acknowledged' | 'resolved';
  urgency: 'high' | 'low';
  priority_id: string | null;
  priority_name: string | null;
  service_id: string;
  service_name: string;
  escalation_policy_id: string | null;
  escalation_policy_name: string | null;
  assignee_ids: string[];
  assignee_names: string[];
  html_url: string;
  created_at: string;
  /** The note's text on incident.annotated, null otherwise. */
  note_content: string | null;
  /** Who caused the event (webhook `agent`), null when PagerDuty did (e.g. escalation). */
  agent_email: string | null;
  agent_name: string | null;
  /**
   * Users responding (incident `incidents_responders`, grown by `incident.responder.added`).
   * Optional here and below: a webhook whose payload does not carry them leaves the snapshot's.
   */
  responder_ids?: string[];
  responder_names?: string[];
  /** The latest status update's message (`incident.status_update_published`). */
  status_update_message?: string | null;
  /** The incident's conference bridge. */
  conference_number?: string | null;
  conference_url?: string | null;
  /** The workflow of an `incident.workflow.started` / `.completed` event, null otherwise. */
  workflow_id?: string | null;
  workflow_name?: string | null;
}

/** Incident custom field values are keyed `custom_fields.<name>` in the record (`incident.custom_fields.<name>` in rules). */
export const INCIDENT_CUSTOM_FIELD_PREFIX = 'custom_fields.';
/** PagerDuty's custom field names: letters, digits, `_` and `-`. */
const CUSTOM_FIELD_NAME = /^[A-Za-z0-9_][A-Za-z0-9_-]{0,99}$/;

/** What the catalog may know of an incident custom field definition (`GET /incidents/custom_fields`). */
export interface IncidentCustomFieldInfo {
  name: string;
  displayName?: string;
  /** PagerDuty's `data_type`: string, integer, float, boolean, url, datetime. */
  dataType?: string;
  /** PagerDuty's `field_type`: single_value, single_value_fixed, multi_value, multi_value_fixed. */
  fieldType?: string;
  /** Options of a fixed field. */
  options?: readonly string[];
}

/** The event kind is on the event, not the incident; it has this catalog key. */
export const INCIDENT_EVENT_TYPE_FIELD = 'incident.event_type';

interface IncidentFieldSpec {
  name: keyof IncidentRecord | 'event_type';
  /** Values that describe the event, not the incident: no previous value to compare with. */
  perEvent?: boolean;
  label: string;
  type: SalesforceFieldType;
  picklistValues?: readonly string[];
}

const INCIDENT_FIELD_SPECS: readonly IncidentFieldSpec[] = [
  {
    name: 'event_type',
    label: 'Event Kind',
    type: 'picklist',
    picklistValues: INCIDENT_EVENT_TYPES,
    perEvent: true,
  },
  { name: 'id', label: 'Incident ID', type: 'string' },
  { name: 'number', label: 'Incident Number', type: 'int' },
  { name: 'title', label: 'Title', type: 'string' },
  { name: 'status', label: 'Status', type: 'picklist', picklistValues: ['triggered', 'acknowledged', 'resolved'] },
  { name: 'urgency', label: 'Urgency', type: 'picklist', picklistValues: ['high', 'low'] },
  { name: 'priority_id', label: 'Priority ID', type: 'string' },
  { name: 'priority_name', label: 'Priority Name', type: 'string' },
  { name: 'service_id', label: 'Service ID', type: 'string' },
  { name: 'service_name', label: 'Service Name', type: 'string' },
  { name: 'escalation_policy_id', label: 'Escalation Policy ID', type: 'string' },
  { name: 'escalation_policy_name', label: 'Escalation Policy Name', type: 'string' },
  { name: 'assignee_ids', label: 'Assignee IDs', type: 'multipicklist' },
  { name: 'assignee_names', label: 'Assignee Names', type: 'multipicklist' },
  { name: 'html_url', label: 'Incident URL', type: 'url' },
  { name: 'created_at', label: 'Created At', type: 'datetime' },
  { name: 'note_content', label: 'Note Content', type: 'textarea' },
  { name: 'agent_email', label: 'Agent Email', type: 'email' },
  { name: 'agent_name', label: 'Agent Name', type: 'string' },
  { name: 'responder_ids', label: 'Responder IDs', type: 'multipicklist' },
  { name: 'responder_names', label: 'Responder Names', type: 'multipicklist' },
  { name: 'status_update_message', label: 'Latest Status Update', type: 'textarea' },
  { name: 'conference_number', label: 'Conference Number', type: 'phone' },
  { name: 'conference_url', label: 'Conference URL', type: 'url' },
  { name: 'workflow_id', label: 'Workflow ID', type: 'string' },
  { name: 'workflow_name', label: 'Workflow Name', type: 'string' },
];

export const INCIDENT_FIELDS: readonly FieldDef[] = INCIDENT_FIELD_SPECS.map((spec) => ({
  key: `incident.${spec.name}`,
  name: spec.name,
  label: spec.label,
  scope: 'incident',
  type: spec.type,
  kind: kindOfType(spec.type),
  ...(spec.picklistValues ? { picklistValues: spec.picklistValues } : {}),
  restrictedPicklist: spec.picklistValues !== undefined,
  createable: false,
  updateable: false,
  nillable: true,
  defaultedOnCreate: false,
  trackable: spec.perEvent !== true,
}));

const CUSTOM_FIELD_TYPES: Readonly<Record<string, SalesforceFieldType>> = {
  integer: 'int',
  float: 'double',
  boolean: 'boolean',
  url: 'url',
  datetime: 'datetime',
};

/**
 * The catalog entry of an incident custom field. Without its definition (the engine has no I/O,
 * and rules may name a field the account adds later) a field is text: values are compared as
 * their string, a multi-value field as the set of its values.
 */
export function incidentCustomFieldDef(info: IncidentCustomFieldInfo): FieldDef {
  const multi = info.fieldType?.startsWith('multi_value') === true;
  const type: SalesforceFieldType = multi ? 'multipicklist' : (CUSTOM_FIELD_TYPES[info.dataType ?? ''] ?? (info.options ? 'picklist' : 'string'));
  return {
    key: `incident.${INCIDENT_CUSTOM_FIELD_PREFIX}${info.name}`,
    name: `${INCIDENT_CUSTOM_FIELD_PREFIX}${info.name}`,
    label: `Custom Field: ${info.displayName ?? info.name}`,
    scope: 'incident',
    type,
    kind: kindOfType(type),
    ...(info.options ? { picklistValues: info.options } : {}),
    restrictedPicklist: info.fieldType?.endsWith('_fixed') === true,
    createable: false,
    updateable: false,
    nillable: true,
    defaultedOnCreate: false,
    trackable: true,
  };
}

function caseFieldDef(info: CaseFieldInfo): FieldDef {
  return {
    key: `Case.${info.name}`,
    name: info.name,
    label: info.label,
    scope: 'case',
    type: info.type,
    kind: kindOfType(info.type),
    ...(info.picklistValues ? { picklistValues: info.picklistValues } : {}),
    restrictedPicklist: info.restrictedPicklist ?? false,
    createable: info.createable,
    updateable: info.updateable,
    nillable: info.nillable,
    defaultedOnCreate: info.defaultedOnCreate,
    trackable: true,
  };
}

/**
 * Builds the catalog from the Case describe. Fields of types the engine does not handle
 * (address, location, base64, anyType, …) are left out, so rules naming them fail to compile.
 */
export function buildFieldCatalog(caseFields: readonly CaseFieldInfo[], incidentCustomFields: readonly IncidentCustomFieldInfo[] = []): FieldCatalog {
  const fields = new Map<string, FieldDef>();
  for (const info of caseFields) {
    if (!(SALESFORCE_FIELD_TYPES as readonly string[]).includes(info.type)) continue;
    const def = caseFieldDef(info);
    fields.set(def.key, def);
  }
  for (const def of INCIDENT_FIELDS) fields.set(def.key, def);
  for (const info of incidentCustomFields) {
    if (!CUSTOM_FIELD_NAME.test(info.name)) continue;
    const def = incidentCustomFieldDef(info);
    fields.set(def.key, def);
  }
  return { fields };
}

/** The subset of a describe field (`GET /sobjects/Case/describe` → `fields[]`) we read. */
export interface DescribeFieldLike {
  name: string;
  label: string;
  type: string;
  createable: boolean;
  nillable: boolean;
  defaultedOnCreate: boolean;
  updateable: boolean;
  restrictedPicklist?: boolean;
  picklistValues?: readonly { value: string; active?: boolean }[] | null;
}

/** Maps describe fields to `CaseFieldInfo`, dropping types the engine does not handle. */
export function caseFieldInfoFromDescribe(fields: readonly DescribeFieldLike[]): CaseFieldInfo[] {
  const out: CaseFieldInfo[] = [];
  for (const field of fields) {
    if (!(SALESFORCE_FIELD_TYPES as readonly string[]).includes(field.type)) continue;
    const values = (field.picklistValues ?? []).filter((entry) => entry.active !== false).map((entry) => entry.value);
    out.push({
      name: field.name,
      label: field.label,
      type: field.type as SalesforceFieldType,
      ...(values.length > 0 ? { picklistValues: values } : {}),
      ...(field.restrictedPicklist !== undefined ? { restrictedPicklist: field.restrictedPicklist } : {}),
      createable: field.createable,
      nillable: field.nillable,
      defaultedOnCreate: field.defaultedOnCreate,
      updateable: field.updateable,
    });
  }
  return out;
}

export function fieldsInScope(catalog: FieldCatalog, scope: FieldScope): FieldDef[] {
  return [...catalog.fields.values()].filter((field) => field.scope === scope);
}

/**
 * Case fields a Create Case action must set: createable, not nillable, not defaulted by Salesforce.
 * Checkboxes are never nillable but always default to false, so they are not required.
 */
export function requiredCaseFieldsForCreate(catalog: FieldCatalog): FieldDef[] {
  return fieldsInScope(catalog, 'case').filter((field) => field.createable && !field.nillable && !field.defaultedOnCreate && field.type !== 'boolean');
}

/**
 * Other names of incident fields that templates and conditions accept: PagerDuty's own API names
 * (`incident_number`, `summary`, `service`…) and what the admin UI shows (incident numbers,
 * links). Each resolves to one field of the catalog.
 */
export const INCIDENT_FIELD_ALIASES: Readonly<Record<string, string>> = {
  'incident.incident_number': 'incident.number',
  'incident.url': 'incident.html_url',
  'incident.link': 'incident.html_url',
  'incident.summary': 'incident.title',
  'incident.service': 'incident.service_name',
  'incident.priority': 'incident.priority_name',
  'incident.escalation_policy': 'incident.escalation_policy_name',
  'incident.assignees': 'incident.assignee_names',
  'incident.agent': 'incident.agent_name',
  'incident.note': 'incident.note_content',
  'incident.event': 'incident.event_type',
  'incident.responders': 'incident.responder_names',
  'incident.status_update': 'incident.status_update_message',
  'incident.conference_bridge': 'incident.conference_url',
  'incident.workflow': 'incident.workflow_name',
};

/**
 * The field a key names, directly, by an alias (see INCIDENT_FIELD_ALIASES), or as an incident
 * custom field the catalog has no definition of (`incident.custom_fields.<name>`, as text).
 */
export function lookupField(catalog: FieldCatalog, key: string): FieldDef | undefined {
  const alias = INCIDENT_FIELD_ALIASES[key];
  const found = catalog.fields.get(key) ?? (alias === undefined ? undefined : catalog.fields.get(alias));
  if (found) return found;
  const prefix = `incident.${INCIDENT_CUSTOM_FIELD_PREFIX}`;
  if (key.startsWith(prefix) && CUSTOM_FIELD_NAME.test(key.slice(prefix.length))) return incidentCustomFieldDef({ name: key.slice(prefix.length) });
  return undefined;
}

/**
 * "Unknown field Case.subjet" should say "did you mean Case.Subject?"; a field written by its
 * label ("incident.Incident Number", "Case.Case Number") gets its key too.
 */
export function suggestField(catalog: FieldCatalog, key: string): string | undefined {
  const folded = key.toLowerCase();
  for (const candidate of [...catalog.fields.keys(), ...Object.keys(INCIDENT_FIELD_ALIASES)]) {
    if (candidate.toLowerCase() === folded) return INCIDENT_FIELD_ALIASES[candidate] ?? candidate;
  }
  const dot = key.indexOf('.');
  const prefix = key.slice(0, dot + 1).toLowerCase();
  const label = squash(key.slice(dot + 1));
  for (const field of catalog.fields.values()) {
    if (field.key.toLowerCase().startsWith(prefix) && squash(field.label) === label) return field.key;
  }
  return undefined;
}

/** A label compared loosely: case, spaces and underscores ignored. */
function squash(text: string): string {
  return text.toLowerCase().replace(/[\s_]+/g, '');
}
