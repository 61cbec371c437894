/**
 * The document's examples that still fail its schemas once the overlay is applied, with the
 * judgement made for each group. The audit test requires every failure to match exactly one
 * entry and every entry to match at least one failure, so this list stays exact when the
 * document or the overlay changes.
 *
 * - `example-defect`: the example contradicts a schema that agrees with PagerDuty's documented
 *   behaviour; the example is wrong, not our problem.
 * - `document-defect-unused`: the schema looks wrong, but the operation is outside what the
 *   emulator serves and the connector calls. The overlay corrects only documented behaviour the
 *   project exercises ("loosen nothing else"), so these stay as published.
 */

export type ExampleJudgement = 'example-defect' | 'document-defect-unused';

export interface KnownExampleFailure {
  /** Matches the JSON pointer of the failing example values. */
  examples: RegExp;
  judgement: ExampleJudgement;
  reason: string;
}

export const knownExampleFailures: readonly KnownExampleFailure[] = [
  {
    examples: /^#\/paths\/~1alert_grouping_settings/,
    judgement: 'example-defect',
    reason: 'services are sent as {"id"} without "type", which every Reference requires (id and type).',
  },
  {
    examples: /^#\/paths\/~1analytics~1/,
    judgement: 'example-defect',
    reason:
      'analytics examples carry string ids where the schema says integer, an object where it says array, null strings and dates that are not RFC 3339 date-times.',
  },
  {
    examples: /^#\/paths\/~1automation_actions~1/,
    judgement: 'example-defect',
    reason:
      'privileges list "read", outside the permissions enum (create, update, delete, invoke); timing entries lack the required timestamp; the invocation agent and the runner update match several oneOf variants.',
  },
  {
    examples: /^#\/paths\/~1escalation_policies(~1\{id\})?\/(post|put)\/requestBody\//,
    judgement: 'example-defect',
    reason:
      'escalation_rule_assignment_strategy is sent as {"type": "round_robin"}; the schema makes it one of the strings "round_robin", "assign_to_everyone".',
  },
  {
    examples: /^#\/paths\/~1event_orchestrations~1/,
    judgement: 'document-defect-unused',
    reason: 'orchestration warnings carry a null rule_id and warning types missing from the enum; event orchestrations are not served by the emulator.',
  },
  {
    examples: /^#\/components\/(responses|requestBodies)\/OrchestrationCacheVariable/,
    judgement: 'document-defect-unused',
    reason:
      'the cache variable response schemas do not match their examples (a oneOf whose variants reject the documented shapes); cache variables are not served.',
  },
  {
    examples: /^#\/components\/examples\/FeatureEnablement/,
    judgement: 'document-defect-unused',
    reason: 'feature enablement examples use null updated_at and a different envelope than the schema; not served.',
  },
  {
    examples: /^#\/components\/responses\/EventEnrichmentRulesPutResponse\//,
    judgement: 'document-defect-unused',
    reason: 'enrichment rule actions in the example match no oneOf variant; event enrichment is not served.',
  },
  {
    examples: /^#\/paths\/~1incident_workflows/,
    judgement: 'example-defect',
    reason:
      'workflow trigger references use type "incident_workflow" (schema: workflow_reference), action outputs omit the required value, and action_type values are outside the enum.',
  },
  {
    examples: /^#\/paths\/~1(incidents|services)~1(\{id\}~1)?custom_fields|^#\/paths\/~1incidents~1types~1\{type_id_or_name\}~1custom_fields/,
    judgement: 'document-defect-unused',
    reason:
      'custom field schemas disagree with all their examples (value typed as object, field type "field" vs "field_value", namespace and server-assigned fields required in requests); custom fields are not served.',
  },
  {
    examples: /^#\/paths\/~1incidents~1types\//,
    judgement: 'document-defect-unused',
    reason: 'incident types return null description and parent, which the schema does not allow; incident types are not served.',
  },
  {
    examples: /^#\/paths\/~1(licenses|license_allocations|users~1\{id\}~1license)\//,
    judgement: 'document-defect-unused',
    reason: 'licenses have null self and html_url, which the schema does not allow; licenses are not served.',
  },
  {
    examples: /^#\/paths\/~1schedules~1\{id\}\/get\//,
    judgement: 'example-defect',
    reason: 'next_oncall_for_user.user is an array of references in the example; the schema (and its description, "the user") makes it one user.',
  },
  {
    examples: /^#\/paths\/~1services\/get\/responses\/200\//,
    judgement: 'document-defect-unused',
    reason:
      'the deprecated alert_grouping_parameters is a oneOf whose two variants both accept {"type": "intelligent"}; the emulator does not send this deprecated attribute.',
  },
  {
    examples: /^#\/paths\/~1status_pages~1/,
    judgement: 'example-defect',
    reason: 'status page post requests omit properties the schema requires (post, update_frequency_ms).',
  },
  {
    examples: /^#\/paths\/~1sre_agent~1/,
    judgement: 'document-defect-unused',
    reason: 'SRE agent memories omit type and use attribute types outside the enum; not served.',
  },
  {
    examples: /^#\/paths\/~1templates~1\{id\}~1render\//,
    judgement: 'document-defect-unused',
    reason: 'template rendering returns warnings as an array where the schema says object; not served.',
  },
  {
    examples: /^#\/paths\/~1users~1\{id\}~1oauth_delegations/,
    judgement: 'document-defect-unused',
    reason: 'OAuth delegation examples have a different envelope and a null cursor; not served.',
  },
  {
    examples: /^#\/paths\/~1users~1\{id\}~1(notification_rules|oncall_handoff_notification_rules|status_update_notification_rules)/,
    judgement: 'example-defect',
    reason: 'contact methods are referenced with type "email_contact_method"; a reference must use the *_contact_method_reference types the schema lists.',
  },
  {
    examples: /^#\/paths\/~1users~1me\/get\//,
    judgement: 'example-defect',
    reason: 'created_via_sso is the string "true," (a typo in the example); the schema says boolean.',
  },
  {
    examples: /^#\/paths\/~1v3~1schedules~1/,
    judgement: 'document-defect-unused',
    reason: 'v3 schedule overrides, rotations and events miss required properties and use other type names; v3 schedules are not served.',
  },
  {
    examples: /^#\/paths\/~1workflows~1integrations|^#\/components\/examples\/CreateWorkflowIntegrationConnectionExample\//,
    judgement: 'document-defect-unused',
    reason: 'workflow integration examples use objects, nulls and envelopes the schemas do not describe; not served.',
  },
  {
    examples: /^#\/components\/schemas\/IncidentAddon\/example$/,
    judgement: 'example-defect',
    reason: 'the add-on example references services with type "service"; ServiceReference requires "service_reference".',
  },
];
