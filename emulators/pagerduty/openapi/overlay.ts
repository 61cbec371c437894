/**
 * Corrections to PagerDuty's official OpenAPI document, applied to the loaded document before
 * anything is compiled. Each one fixes a place where the document contradicts what PagerDuty
 * documents and sends, with the evidence beside it; nothing else is loosened. Every patch starts
 * with a `test` of the value it replaces, so a new version of the document that fixes or moves
 * the schema makes loading fail loudly instead of silently patching the wrong thing.
 * README.md lists the same corrections for readers.
 */
import type { OpenApiDocument } from './document';
import { getAtPointer, joinPointer, parsePointer } from './jsonPointer';

export type OverlayOperation =
  | { op: 'test'; path: string; value: unknown }
  | { op: 'replace'; path: string; value: unknown }
  | { op: 'add'; path: string; value: unknown }
  | { op: 'remove'; path: string }
  | { op: 'move'; from: string; path: string };

export interface OverlayCorrection {
  id: string;
  /** What PagerDuty documents or sends, and where it says so. */
  justification: string;
  patch: OverlayOperation[];
}

const INCIDENT = '#/components/schemas/Incident/allOf/1/properties';
const ONCALL = '#/components/schemas/Oncall/properties';
const FIELD_REQUEST = (path: string, method: string) => `#/paths/${path}/${method}/requestBody/content/application~1json/schema`;
const OPTIONS_PATH = '~1incidents~1custom_fields~1{field_id}~1field_options';
/** A field option as a client sends it: its data only. */
const OPTION_REQUEST = {
  type: 'object',
  properties: { data: { $ref: '#/components/schemas/CustomFieldsEditableFieldOption/properties/data' } },
  required: ['data'],
};
const CUSTOM_FIELD_VALUE = '#/components/schemas/CustomFieldsFieldValue/properties/value/oneOf';

/** The generic PagerDuty error body, as every other error response of the document declares it. */
const ERROR_BODY_CONTENT = {
  'application/json': { schema: { $ref: '#/components/responses/Conflict/content/application~1json/schema' } },
};

/** Component parameters named `name[]` whose schema is a single string (the whole list in the document). */
const ARRAY_QUERY_PARAMETERS: ReadonlyArray<readonly [string, string]> = [
  ['audit_root_resource_types', 'root_resource_types[]'],
  ['audit_actions', 'actions[]'],
  ['ids', 'ids[]'],
  ['impacts_additional_fields', 'additional_fields[]'],
  ['include_addon', 'include[]'],
  ['include_escalation_policy', 'include[]'],
  ['include_log_entry', 'include[]'],
  ['include_user', 'include[]'],
  ['include_user_detail', 'include[]'],
  ['include_maintenance_window', 'include[]'],
  ['include_teams', 'include[]'],
  ['include_teams_members', 'include[]'],
  ['include_triggers', 'include[]'],
  ['incident_urgencies', 'urgencies[]'],
  ['include_extensions', 'include[]'],
  ['include_extensions_id', 'include[]'],
  ['include_incident_workflow_children', 'include[]'],
  ['statuses_incidents', 'statuses[]'],
  ['include_incidents', 'include[]'],
  ['include_incident', 'include[]'],
  ['statuses_incident_alerts', 'statuses[]'],
  ['include_incident_alerts', 'include[]'],
  ['statuses_incident_count', 'statuses[]'],
  ['include_notifications', 'include[]'],
  ['include_oncalls', 'include[]'],
  ['include_services', 'include[]'],
  ['include_services_id', 'include[]'],
  ['include_services_integrations', 'include[]'],
  ['include_notification_rules', 'include[]'],
  ['additional_details', 'additional_details[]'],
  ['include_schedules', 'include[]'],
  ['include_customfields_field', 'include[]'],
  ['include_customfields_field_configuration', 'include[]'],
  ['include_ruleset_migrated_metadata', 'include[]'],
];

export const overlayCorrections: readonly OverlayCorrection[] = [
  // Incident.resolved_at: the property's own description says it is "`null` if the incident is
  // not resolved", and the document's examples of GET /incidents/{id} and POST /incidents
  // (a triggered incident) return `"resolved_at": null`; the schema forgot `nullable`.
  {
    id: 'incident-resolved-at-nullable',
    justification:
      'Incident.resolved_at is documented as "`null` if the incident is not resolved" (its own description) and the document\'s examples of POST /incidents and GET /incidents/{id} return null for unresolved incidents.',
    patch: [
      {
        op: 'test',
        path: `${INCIDENT}/resolved_at/description`,
        value: 'The time the incident became "resolved" or `null` if the incident is not resolved.',
      },
      { op: 'add', path: `${INCIDENT}/resolved_at/nullable`, value: true },
    ],
  },
  // IncidentBody.details: PagerDuty's "Create an Incident" reference sends
  // `"body": {"type": "incident_body", "details": "A disk is getting full…"}`, a string (the
  // document's own request example), and returns that string under include[]=body. The schema
  // types it as an object, which rejects every documented create request.
  {
    id: 'incident-body-details-string',
    justification:
      'IncidentBody.details is a string: the document\'s own POST /incidents request example (PagerDuty\'s "Create an Incident" reference) sends "details": "A disk is getting full on this machine…", and PagerDuty returns the same string under include[]=body.',
    patch: [
      { op: 'test', path: '#/components/schemas/IncidentBody/properties/details/type', value: 'object' },
      { op: 'replace', path: '#/components/schemas/IncidentBody/properties/details/type', value: 'string' },
    ],
  },
  // Incident.alert_grouping: its description says it "Will be null if the incident has no
  // alerts" (incidents created through the REST API have none), yet it is not nullable.
  {
    id: 'incident-alert-grouping-nullable',
    justification:
      'Incident.alert_grouping "Will be null if the incident has no alerts" (its own description); incidents created through the REST API have no alerts.',
    patch: [
      {
        op: 'test',
        path: `${INCIDENT}/alert_grouping/description`,
        value: 'Describes the alert grouping state of this incident. Will be null if the incident has no alerts.',
      },
      { op: 'add', path: `${INCIDENT}/alert_grouping/nullable`, value: true },
    ],
  },
  // Incident.alert_grouping.ended_at: an active grouping has not ended; the document's examples of
  // GET /incidents and GET /incidents/{id} show `"alert_grouping_active": true, "ended_at": null`.
  {
    id: 'incident-alert-grouping-ended-at-nullable',
    justification:
      'Incident.alert_grouping.ended_at is null while the grouping is still active: the document\'s examples of GET /incidents and GET /incidents/{id} show "alert_grouping_active": true with "ended_at": null.',
    patch: [
      { op: 'test', path: `${INCIDENT}/alert_grouping/properties/ended_at`, value: { type: 'string', format: 'date-time' } },
      { op: 'add', path: `${INCIDENT}/alert_grouping/properties/ended_at/nullable`, value: true },
    ],
  },
  // Incident.resolve_reason: ResolveReason's only value is `merge_resolve_reason`, so incidents
  // that were not resolved by a merge have none. The document's examples of GET /incidents and
  // GET /incidents/{id}, and the v3 webhook incident examples of PagerDuty's webhook overview,
  // all carry `"resolve_reason": null`. A bare `$ref` cannot carry `nullable` (its siblings are
  // ignored in OpenAPI 3.0), hence the `allOf` wrapper.
  {
    id: 'incident-resolve-reason-nullable',
    justification:
      'Incident.resolve_reason is null unless the incident was resolved by a merge (ResolveReason\'s only type is merge_resolve_reason): the document\'s examples of GET /incidents and GET /incidents/{id} and the v3 webhook incident examples all show "resolve_reason": null.',
    patch: [
      { op: 'test', path: `${INCIDENT}/resolve_reason`, value: { $ref: '#/components/schemas/ResolveReason' } },
      {
        op: 'replace',
        path: `${INCIDENT}/resolve_reason`,
        value: { allOf: [{ $ref: '#/components/schemas/ResolveReason' }], nullable: true },
      },
    ],
  },
  // Log entry channels: Channel's description says its format depends on `channel[type]`, one of
  // auto, email, api, nagios or timeout (service agents) and email, sms, website, web_trigger or
  // note (user agents), and each `oneOf` variant's `type` says "Will be `nagios`", "Will be
  // `api`"… without constraining it. As written, `{"type": "api"}` matches several variants and
  // the `oneOf` rejects every channel (the document's own GET /incidents/{id}/log_entries and
  // GET /log_entries examples fail). The correction states each variant's documented type and
  // adds the documented types that have no variant of their own.
  {
    id: 'log-entry-channel-discriminated-by-type',
    justification:
      'Channel "has different formats depending on type, indicated by channel[type]", one of auto, email, api, nagios, timeout, sms, website, web_trigger, note; its oneOf variants describe their type ("Will be `api`") without constraining it, so every channel matched several variants and was rejected (the document\'s own log entry examples fail).',
    patch: [
      ...(
        [
          [0, 'NagiosChannel', 'Will be `nagios`', 'nagios'],
          [1, 'APIChannel', 'Will be `api`', 'api'],
          [2, 'EmailChannel', 'Will be `email`', 'email'],
          [3, 'WebTriggerChannel', 'Will be `web_trigger`', 'web_trigger'],
          [4, 'WebsiteChannel', 'Will be `website`', 'website'],
        ] as const
      ).flatMap(([index, title, description, type]): OverlayOperation[] => [
        { op: 'test', path: `#/components/schemas/Channel/oneOf/${index}/title`, value: title },
        {
          op: 'test',
          path: `#/components/schemas/Channel/oneOf/${index}/properties/type`,
          value: { type: 'string', description },
        },
        { op: 'add', path: `#/components/schemas/Channel/oneOf/${index}/properties/type/enum`, value: [type] },
      ]),
      { op: 'test', path: '#/components/schemas/Channel/oneOf/5', value: undefined },
      {
        op: 'add',
        path: '#/components/schemas/Channel/oneOf/5',
        value: {
          title: 'OtherChannel',
          type: 'object',
          properties: { type: { type: 'string', enum: ['auto', 'timeout', 'sms', 'note'] }, summary: { type: 'string' } },
          required: ['type'],
        },
      },
    ],
  },
  // AcknowledgeLogEntry is `allOf: [LogEntry, {type: enum ["acknowledgement_log_entry"]}]`, but
  // LogEntry's own `type` enum spells it "acknowledge_log_entry" (as PagerDuty's log entries
  // do), so no acknowledgement log entry can satisfy both halves of the `allOf`.
  {
    id: 'acknowledge-log-entry-type',
    justification:
      'AcknowledgeLogEntry requires type "acknowledgement_log_entry" while the LogEntry it extends (allOf) only allows "acknowledge_log_entry", the type PagerDuty sends; as written no acknowledgement log entry validates.',
    patch: [
      {
        op: 'test',
        path: '#/components/schemas/LogEntry/allOf/1/properties/type/enum/0',
        value: 'acknowledge_log_entry',
      },
      {
        op: 'test',
        path: '#/components/schemas/AcknowledgeLogEntry/allOf/1/properties/type/enum',
        value: ['acknowledgement_log_entry'],
      },
      {
        op: 'replace',
        path: '#/components/schemas/AcknowledgeLogEntry/allOf/1/properties/type/enum',
        value: ['acknowledge_log_entry'],
      },
    ],
  },
  // Array query parameters: PagerDuty filters such as `statuses[]`, `urgencies[]` and
  // `include[]` take several values (their descriptions: "To query multiple statuses, pass
  // `statuses[]` more than once", "Array of additional details to include"), their names carry
  // the `[]` of form arrays and most carry `uniqueItems`, an array keyword. The document types
  // each value as a single string, so any request with two values fails. The correction makes
  // each of them an array of the values it already lists; one value stays valid.
  {
    id: 'array-query-parameters',
    justification:
      'Query parameters named `name[]` (statuses[], urgencies[], include[], ids[], …) are repeated to pass several values, as their descriptions say ("pass `statuses[]` more than once", "Array of additional details to include") and their uniqueItems implies, but the document types them as one string.',
    patch: ARRAY_QUERY_PARAMETERS.flatMap(([key, name]): OverlayOperation[] => {
      const parameter = `#/components/parameters/${key}`;
      return [
        { op: 'test', path: `${parameter}/name`, value: name },
        { op: 'test', path: `${parameter}/schema/type`, value: 'string' },
        { op: 'move', from: `${parameter}/schema`, path: `${parameter}/x-value-schema` },
        { op: 'add', path: `${parameter}/schema`, value: { type: 'array', uniqueItems: true } },
        { op: 'move', from: `${parameter}/x-value-schema`, path: `${parameter}/schema/items` },
      ];
    }),
  },
  // Service timeouts: both descriptions say "Value is `null` if the feature is disabled", and
  // "Setting this field to `0`, `null` (or unset in POST request) will disable the feature", yet
  // neither is nullable. (Requested by the emulator, OVERLAY-REQUESTS.md item 2.)
  {
    id: 'service-timeouts-nullable',
    justification: 'Service.auto_resolve_timeout and Service.acknowledgement_timeout: "Value is `null` if the feature is disabled" (their own descriptions).',
    patch: (['auto_resolve_timeout', 'acknowledgement_timeout'] as const).flatMap((name): OverlayOperation[] => [
      { op: 'test', path: `#/components/schemas/Service/allOf/1/properties/${name}/type`, value: 'integer' },
      { op: 'add', path: `#/components/schemas/Service/allOf/1/properties/${name}/nullable`, value: true },
    ]),
  },
  // PUT /incidents/{id} documents no 400, yet PagerDuty answers invalid arguments there (an
  // unknown priority, an invalid status transition, a missing or unknown From user: codes 2001,
  // 1001, 1008…) with 400 and its error body, as its REST "Errors" page describes, and as the
  // document itself says for the bulk PUT /incidents and every other incident write.
  // (Requested by the emulator, OVERLAY-REQUESTS.md item 4.)
  {
    id: 'update-incident-400',
    justification:
      'PUT /incidents/{id} answers invalid arguments with 400 and the error body (PagerDuty REST "Errors" page; the document lists 400 ArgumentError for PUT /incidents, POST /incidents, notes and merge), but updateIncident documents no 400.',
    patch: [
      { op: 'test', path: '#/paths/~1incidents~1{id}/put/operationId', value: 'updateIncident' },
      { op: 'test', path: '#/paths/~1incidents~1{id}/put/responses/400', value: undefined },
      { op: 'add', path: '#/paths/~1incidents~1{id}/put/responses/400', value: { $ref: '#/components/responses/ArgumentError' } },
    ],
  },
  // The webhook subscription operations' 400/401/403/404 responses are the only error responses
  // of the document without a body. PagerDuty's REST API answers every error with its error body
  // `{"error": {"message", "code", "errors"}}` ("Errors" page of the REST API docs), which the
  // document declares once as the Conflict response's schema and reuses for all other errors.
  {
    id: 'webhook-subscription-error-bodies',
    justification:
      'WebhookBadRequest, WebhookUnauthorized, WebhookForbidden and WebhookNotFound declare no content, but PagerDuty answers every REST error with its error body {"error": {"message", "code", "errors"}}, the schema the document gives every other error response.',
    patch: (['WebhookBadRequest', 'WebhookUnauthorized', 'WebhookForbidden', 'WebhookNotFound'] as const).flatMap((name): OverlayOperation[] => [
      { op: 'test', path: `#/components/responses/${name}/content`, value: undefined },
      { op: 'add', path: `#/components/responses/${name}/content`, value: ERROR_BODY_CONTENT },
    ]),
  },
  // Custom field values: PagerDuty sends and accepts the value itself (`"value": "production"`,
  // `"value": 42`), as its webhook examples (incident_field_values: `"value": "US"`) and the
  // document's own example of PUT /incidents/{id}/custom_fields/values show, but each `oneOf`
  // variant of CustomFieldsFieldValue.value is an object wrapping it (`{"value": …}`), so no real
  // value validates. Each variant becomes the scalar it wraps, made exclusive so `oneOf` picks
  // one: a float is a non-integer number, a plain string is neither a date-time nor a URI, and
  // null (a field without a value) sits in one variant only. The variants are rewritten in place
  // because 36 schemas of the document refer to them by index.
  // (Requested by the emulator, OVERLAY-REQUESTS.md item 5.)
  {
    id: 'custom-field-values-scalar',
    justification:
      'Custom field values are scalars (or lists of strings): PagerDuty\'s webhook example incident_field_values ("value": "production") and the document\'s own examples of the custom field values operations; CustomFieldsFieldValue.value wraps each in an object, so no value PagerDuty sends validates.',
    patch: [
      ...(['Boolean', 'Float', 'Integer', 'String', 'Datetime', 'Url'] as const).map((title, index): OverlayOperation => ({
        op: 'test',
        path: `${CUSTOM_FIELD_VALUE}/${index}/title`,
        value: title,
      })),
      { op: 'test', path: `${CUSTOM_FIELD_VALUE}/0/properties/value`, value: { type: 'boolean', nullable: true } },
      { op: 'test', path: `${CUSTOM_FIELD_VALUE}/1/properties/value`, value: { type: 'number', nullable: true } },
      { op: 'test', path: `${CUSTOM_FIELD_VALUE}/2/properties/value`, value: { type: 'integer', nullable: true } },
      { op: 'replace', path: `${CUSTOM_FIELD_VALUE}/0`, value: { title: 'Boolean (or null: no value)', type: 'boolean', nullable: true } },
      { op: 'replace', path: `${CUSTOM_FIELD_VALUE}/1`, value: { title: 'Float', type: 'number', not: { type: 'integer' } } },
      { op: 'replace', path: `${CUSTOM_FIELD_VALUE}/2`, value: { title: 'Integer', type: 'integer' } },
      {
        op: 'replace',
        path: `${CUSTOM_FIELD_VALUE}/3`,
        value: {
          title: 'String',
          oneOf: [
            { type: 'string', maxLength: 200, not: { anyOf: [{ format: 'date-time' }, { format: 'uri' }] } },
            { type: 'array', items: { type: 'string', maxLength: 200 }, maxItems: 10, uniqueItems: true },
          ],
        },
      },
      { op: 'replace', path: `${CUSTOM_FIELD_VALUE}/4`, value: { title: 'Datetime', type: 'string', format: 'date-time' } },
      { op: 'replace', path: `${CUSTOM_FIELD_VALUE}/5`, value: { title: 'Url', type: 'string', format: 'uri', maxLength: 200 } },
    ],
  },
  // PUT /incidents/{id}/custom_fields/values names each field by `name` or by `id`
  // (CustomFieldsEditableFieldValue: "Value by Field Name", "Value by Field ID"), but neither
  // variant requires its key, so every item matches both and `oneOf` rejects it.
  {
    id: 'custom-field-value-by-name-or-id',
    justification:
      'CustomFieldsEditableFieldValue\'s variants "Value by Field Name" and "Value by Field ID" require neither name nor id (nor value), so every item matches both and oneOf rejects the document\'s own request example.',
    patch: [
      { op: 'test', path: '#/components/schemas/CustomFieldsEditableFieldValue/oneOf/0/title', value: 'Value by Field Name' },
      { op: 'test', path: '#/components/schemas/CustomFieldsEditableFieldValue/oneOf/1/title', value: 'Value by Field ID' },
      { op: 'add', path: '#/components/schemas/CustomFieldsEditableFieldValue/oneOf/0/required', value: ['name', 'value'] },
      { op: 'add', path: '#/components/schemas/CustomFieldsEditableFieldValue/oneOf/1/required', value: ['id', 'value'] },
    ],
  },
  // Creating a field or an option reuses the response schemas, which require what the server
  // assigns (id, type, self, summary, namespace, created_at, updated_at) through `required` lists
  // beside `allOf`, where the readOnly markers do not reach: no client could send a valid request. The requests get their own schemas holding the same
  // properties and requiring what a client supplies, as the operations' descriptions list it.
  {
    id: 'custom-field-write-requests',
    justification:
      'POST /incidents/custom_fields and POST …/field_options take their request bodies from the response schemas (CustomFieldsFieldWithOptions, CustomFieldsFieldOption), which require the server-assigned id, type, self, summary, namespace, created_at and updated_at; the requests require only what a client supplies.',
    patch: [
      {
        op: 'test',
        path: `${FIELD_REQUEST('~1incidents~1custom_fields', 'post')}/properties/field`,
        value: { $ref: '#/components/schemas/CustomFieldsFieldWithOptions' },
      },
      {
        op: 'replace',
        path: `${FIELD_REQUEST('~1incidents~1custom_fields', 'post')}/properties/field`,
        value: {
          type: 'object',
          properties: {
            ...Object.fromEntries(
              (['name', 'display_name', 'description', 'data_type', 'field_type', 'default_value'] as const).map((name) => [
                name,
                { $ref: `#/components/schemas/CustomFieldsFieldWithOptions/allOf/0/properties/${name}` },
              ]),
            ),
            field_options: { type: 'array', items: OPTION_REQUEST },
          },
          required: ['name', 'display_name', 'data_type', 'field_type'],
        },
      },
      {
        op: 'test',
        path: `${FIELD_REQUEST(OPTIONS_PATH, 'post')}/properties/field_option`,
        value: { $ref: '#/components/schemas/CustomFieldsFieldOption' },
      },
      { op: 'replace', path: `${FIELD_REQUEST(OPTIONS_PATH, 'post')}/properties/field_option`, value: OPTION_REQUEST },
    ],
  },
  // PUT /incidents/{id}/custom_fields/values documents 201/403/404/500 only, yet a value of the
  // wrong type or an unknown field is refused with 400 and the error body, as PagerDuty's
  // "Errors" page describes and as the document lists for the other custom field writes.
  {
    id: 'set-incident-field-values-400',
    justification:
      'Setting custom field values refuses invalid arguments (a value of the wrong type, an unknown field) with 400 and the error body (PagerDuty REST "Errors" page); the document lists 400 for every other custom field write but not for setIncidentFieldValues.',
    patch: [
      { op: 'test', path: '#/paths/~1incidents~1{id}~1custom_fields~1values/put/operationId', value: 'setIncidentFieldValues' },
      { op: 'test', path: '#/paths/~1incidents~1{id}~1custom_fields~1values/put/responses/400', value: undefined },
      { op: 'add', path: '#/paths/~1incidents~1{id}~1custom_fields~1values/put/responses/400', value: { $ref: '#/components/responses/ArgumentError' } },
    ],
  },
  // GET /incident_workflows/{id} documents its success as 201 Created. A read creates nothing:
  // PagerDuty answers 200, as every other read of the document declares (listIncidentWorkflows,
  // getIncidentWorkflowAction, getIncidentWorkflowTrigger). 200 is added with the 201 response's content.
  {
    id: 'get-incident-workflow-200',
    justification:
      'GET /incident_workflows/{id} is a read and answers 200 like every other GET of the document, including the other incident workflow reads; the document declares its response under 201 Created.',
    patch: [
      { op: 'test', path: '#/paths/~1incident_workflows~1{id}/get/operationId', value: 'getIncidentWorkflow' },
      { op: 'test', path: '#/paths/~1incident_workflows~1{id}/get/responses/200', value: undefined },
      // Added as a reference rather than moved, so the 201 response's examples stay where the example audit judges them.
      { op: 'add', path: '#/paths/~1incident_workflows~1{id}/get/responses/200', value: { $ref: '#/paths/~1incident_workflows~1{id}/get/responses/201' } },
    ],
  },
  // On-calls of rules that target a user directly: the Oncall schema's own descriptions say
  // "If `null`, the on-call is a permanent user on-call" (start) and "If `null`, the user does
  // not go off-call" (end), and the operation lists "the schedule, if the rule targeted a schedule
  // and not a user"; none of the three is nullable. PagerDuty answers `"schedule": null,
  // "start": null, "end": null` for them (client bug reports quoting GET /oncalls show it).
  {
    id: 'oncall-permanent-nullable',
    justification:
      'Oncall.start "If `null`, the on-call is a permanent user on-call", Oncall.end "If `null`, the user does not go off-call" (their own descriptions), and the schedule is present only "if the rule targeted a schedule and not a user" (listOnCalls); a direct user target has none of them.',
    patch: [
      { op: 'test', path: `${ONCALL}/start/description`, value: 'The start of the on-call. If `null`, the on-call is a permanent user on-call.' },
      { op: 'add', path: `${ONCALL}/start/nullable`, value: true },
      { op: 'test', path: `${ONCALL}/end/description`, value: 'The end of the on-call. If `null`, the user does not go off-call.' },
      { op: 'add', path: `${ONCALL}/end/nullable`, value: true },
      {
        op: 'test',
        path: `${ONCALL}/schedule/description`,
        value: 'The schedule from which this on-call originates. May be a legacy schedule reference or a v3 schedule reference.',
      },
      { op: 'add', path: `${ONCALL}/schedule/nullable`, value: true },
    ],
  },
  // listOnCalls documents `include[]` = escalation_policies, users, schedules ("additional details
  // to include"), which, as everywhere in the REST API, replaces a reference with the full object;
  // Oncall declares references only. The incident's assignments, expanded by `include[]=assignees`
  // the same way, declare `oneOf: [UserReference, User]`: the same is stated here.
  {
    id: 'oncall-include-full-objects',
    justification:
      'GET /oncalls takes include[]=users and include[]=escalation_policies, which expand the references into full objects (as include[] does for incident assignments, declared oneOf [UserReference, User]); Oncall.user and Oncall.escalation_policy admit references only.',
    patch: [
      { op: 'test', path: `${ONCALL}/user`, value: { $ref: '#/components/schemas/UserReference' } },
      { op: 'replace', path: `${ONCALL}/user`, value: { oneOf: [{ $ref: '#/components/schemas/UserReference' }, { $ref: '#/components/schemas/User' }] } },
      { op: 'test', path: `${ONCALL}/escalation_policy`, value: { $ref: '#/components/schemas/EscalationPolicyReference' } },
      {
        op: 'replace',
        path: `${ONCALL}/escalation_policy`,
        value: { oneOf: [{ $ref: '#/components/schemas/EscalationPolicyReference' }, { $ref: '#/components/schemas/EscalationPolicy' }] },
      },
    ],
  },
];

/** Applies `corrections` to `document` in place (callers pass a freshly loaded document). */
export function applyOverlay(document: OpenApiDocument, corrections: readonly OverlayCorrection[] = overlayCorrections): OpenApiDocument {
  for (const correction of corrections) {
    for (const operation of correction.patch) applyOperation(document, operation, correction.id);
  }
  return document;
}

function applyOperation(document: OpenApiDocument, operation: OverlayOperation, correctionId: string): void {
  if (operation.op === 'move') {
    const value = getAtPointer(document, operation.from);
    if (value === undefined) throw new Error(`Overlay correction ${correctionId}: ${operation.from} does not exist`);
    applyOperation(document, { op: 'remove', path: operation.from }, correctionId);
    applyOperation(document, { op: 'add', path: operation.path, value }, correctionId);
    return;
  }
  const tokens = parsePointer(operation.path);
  const key = tokens.pop();
  if (key === undefined) throw new Error(`Overlay correction ${correctionId}: cannot patch the document root`);
  const parent = getAtPointer(document, joinPointer(tokens));
  if (parent === null || typeof parent !== 'object') {
    throw new Error(`Overlay correction ${correctionId}: ${operation.path} has no parent in the document`);
  }
  const container = parent as Record<string, unknown>;
  switch (operation.op) {
    case 'test':
      if (!isDeepEqual(container[key], operation.value)) {
        throw new Error(
          `Overlay correction ${correctionId}: ${operation.path} is ${JSON.stringify(container[key])}, expected ${JSON.stringify(operation.value)}; the document changed, review the correction`,
        );
      }
      return;
    case 'replace':
      if (!(key in container)) throw new Error(`Overlay correction ${correctionId}: ${operation.path} does not exist`);
      container[key] = structuredClone(operation.value);
      return;
    case 'add':
      if (Array.isArray(container)) {
        if (key === '-') container.push(structuredClone(operation.value));
        else container.splice(Number(key), 0, structuredClone(operation.value));
      } else {
        if (key in container) throw new Error(`Overlay correction ${correctionId}: ${operation.path} already exists`);
        container[key] = structuredClone(operation.value);
      }
      return;
    case 'remove':
      if (!(key in container)) throw new Error(`Overlay correction ${correctionId}: ${operation.path} does not exist`);
      if (Array.isArray(container)) container.splice(Number(key), 1);
      // JSON Patch's `remove`: the key is data from the correction, on a plain JSON document.
      else Reflect.deleteProperty(container, key);
      return;
  }
}

function isDeepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  const bKeys = Object.keys(b);
  return aKeys.length === bKeys.length && aKeys.every((k) => isDeepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
