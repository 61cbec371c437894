/**
 * Starter rulesets: ready-made rulesets for the round trips most admins want first, added from
 * RULESETS with "Add from template". They are plain data in the stored model (so they pass the
 * same schema and catalog checks as any saved ruleset, see starters.test.ts) with one blank to
 * fill: the PagerDuty service, written as `STARTER_SERVICE` until the admin picks one.
 *
 * Like any new ruleset, a starter is added disabled; the demo seed enables the first two, so the
 * README's round trip (raise a Case to High, acknowledge its incident, see the Case follow) works.
 */
import { rulesetSchema, type Rule, type Ruleset } from './model';
import type { RuleError } from './paths';
import { issuesToErrors } from './paths';

/** Stands for the PagerDuty service the admin picks when adding the starter. */
export const STARTER_SERVICE = 'CHOOSE_A_PAGERDUTY_SERVICE';

/** What an admin chooses before a starter is added. */
export type StarterParameter = 'service';

export interface StarterTemplate {
  /** Stable key (the endpoint's path segment). */
  key: string;
  /** The ruleset's name once added. */
  name: string;
  /** What it does, in a sentence or two, for the "Add from template" list. */
  description: string;
  needs: readonly StarterParameter[];
  /** The rules as stored, `STARTER_SERVICE` where the chosen service goes. */
  rules: readonly Rule[];
}

const openCase = { field: 'Case.Status', operator: 'not_equals', value: 'Closed' } as const;

export const STARTER_TEMPLATES: readonly StarterTemplate[] = [
  {
    key: 'page-high-priority-cases',
    name: 'Page on high-priority Cases',
    description:
      'A Case created with Priority High, or raised to High, opens a high-urgency incident on the service you choose (title and description from OBJECT MAPPINGS). Closed Cases are left alone.',
    needs: ['service'],
    rules: [
      {
        id: 'new-high-priority-case',
        name: 'New Case with Priority High',
        runOn: { kind: 'case', on: 'create' },
        conditions: [{ field: 'Case.Priority', operator: 'equals', value: 'High' }, openCase],
        filterLogic: { kind: 'all' },
        actions: [{ type: 'create_incident', serviceId: STARTER_SERVICE, urgency: 'high' }],
        stopProcessing: false,
      },
      {
        id: 'case-raised-to-high',
        name: 'Case raised to Priority High',
        runOn: { kind: 'case', on: 'update' },
        conditions: [{ field: 'Case.Priority', operator: 'changed_to', value: 'High' }, openCase],
        filterLogic: { kind: 'all' },
        actions: [{ type: 'create_incident', serviceId: STARTER_SERVICE, urgency: 'high' }],
        stopProcessing: false,
      },
    ],
  },
  {
    key: 'follow-incident-status',
    name: "Follow the incident's status on the Case",
    description: 'When the incident linked to a Case is acknowledged in PagerDuty, the Case goes to Status Working; when it is resolved, the Case is Closed.',
    needs: [],
    rules: [
      {
        id: 'incident-acknowledged',
        name: 'Incident acknowledged: Case Working',
        runOn: { kind: 'incident', events: ['incident.acknowledged'] },
        conditions: [],
        filterLogic: { kind: 'all' },
        actions: [{ type: 'set_case_fields', values: { Status: 'Working' } }],
        stopProcessing: false,
      },
      {
        id: 'incident-resolved',
        name: 'Incident resolved: Case Closed',
        runOn: { kind: 'incident', events: ['incident.resolved'] },
        conditions: [],
        filterLogic: { kind: 'all' },
        actions: [{ type: 'set_case_fields', values: { Status: 'Closed' } }],
        stopProcessing: false,
      },
    ],
  },
  {
    key: 'case-for-service-incidents',
    name: 'Open a Case for incidents on a service',
    description:
      'Each incident triggered on the service you choose opens a Case with its title as Subject and its number, service and link in the Description (an incident already linked to a Case is skipped).',
    needs: ['service'],
    rules: [
      {
        id: 'incident-triggered-on-service',
        name: 'Incident triggered on the service',
        runOn: { kind: 'incident', events: ['incident.triggered'] },
        conditions: [{ field: 'incident.service_id', operator: 'equals', value: STARTER_SERVICE }],
        filterLogic: { kind: 'all' },
        actions: [
          {
            type: 'create_case',
            values: {
              Subject: '{{incident.title}}',
              Description: 'PagerDuty incident #{{incident.number}} on {{incident.service_name}} ({{incident.urgency}} urgency): {{incident.html_url}}',
            },
          },
        ],
        stopProcessing: false,
      },
    ],
  },
];

export function starterTemplate(key: string): StarterTemplate | undefined {
  return STARTER_TEMPLATES.find((template) => template.key === key);
}

export interface StarterChoices {
  /** The PagerDuty service id, for starters that need one. */
  serviceId?: string;
}

/**
 * The ruleset a starter becomes: disabled (as "Add Ruleset" creates one), with the chosen
 * service filled in, parsed by the model. A missing choice is an error on its own path
 * (`serviceId`). Field checks against the org follow with `validateRuleset`/`compileRulesets`.
 */
export function rulesetFromStarter(
  template: StarterTemplate,
  init: { id: string; position: number; name?: string } & StarterChoices,
): { ok: true; ruleset: Ruleset } | { ok: false; errors: RuleError[] } {
  const serviceId = init.serviceId?.trim();
  if (template.needs.includes('service') && !serviceId) {
    return { ok: false, errors: [{ path: 'serviceId', message: `Choose the PagerDuty service "${template.name}" works with` }] };
  }
  const rules = template.rules.map((rule) => fillBlanks(rule, serviceId ?? STARTER_SERVICE));
  const parsed = rulesetSchema.safeParse({ id: init.id, name: init.name ?? template.name, enabled: false, position: init.position, rules });
  return parsed.success ? { ok: true, ruleset: parsed.data } : { ok: false, errors: issuesToErrors(parsed.error.issues) };
}

/** A copy of `value` with every string equal to `STARTER_SERVICE` replaced by the service id. */
function fillBlanks(value: unknown, serviceId: string): unknown {
  if (value === STARTER_SERVICE) return serviceId;
  if (Array.isArray(value)) return value.map((item) => fillBlanks(item, serviceId));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fillBlanks(item, serviceId)]));
  }
  return value;
}
