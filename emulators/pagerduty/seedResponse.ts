import type { CustomFieldOperations } from './customFields/operations';
import type { BusinessService, IncidentWorkflow } from './model';
import type { PagerDutyStore } from './store';

/** Ids of the demo's incident response tools, by name (`GET /__emulator/seed` → `ids`). */
export interface ResponseSeedIds {
  /** By field name (`customer_tier`, `affected_customers`, `salesforce_account`). */
  customFields: Record<string, string>;
  incidentWorkflows: Record<string, string>;
  businessServices: Record<string, string>;
}

const DEMO_FIELDS = [
  {
    name: 'customer_tier',
    display_name: 'Customer tier',
    description: 'Support tier of the affected customer.',
    data_type: 'string',
    field_type: 'single_value_fixed',
    field_options: ['Gold', 'Silver', 'Bronze'].map((value) => ({ data: { data_type: 'string', value } as const })),
  },
  {
    name: 'affected_customers',
    display_name: 'Affected customers',
    description: 'How many customers are affected.',
    data_type: 'integer',
    field_type: 'single_value',
  },
  {
    name: 'salesforce_account',
    display_name: 'Salesforce account',
    description: 'Name of the Salesforce Account the incident is about.',
    data_type: 'string',
    field_type: 'single_value',
  },
] as const;

const DEMO_WORKFLOWS = [
  {
    name: 'Major incident: open Slack channel',
    description: 'Opens a Slack channel for the incident, adds the responders and posts the conference bridge.',
    team: 'Engineering',
    steps: [
      { name: 'Create a Slack channel', description: 'Creates #inc-<number> and invites the responders.', actionId: 'pagerduty.com:slack:create-a-channel:4' },
      {
        name: 'Add conference bridge',
        description: 'Adds the standing bridge to the incident.',
        actionId: 'pagerduty.com:incident-workflows:add-conference-bridge:1',
      },
    ],
  },
  {
    name: 'Notify stakeholders',
    description: 'Sends a status update to the incident’s subscribers.',
    team: 'Customer Support',
    steps: [
      {
        name: 'Send status update',
        description: 'Publishes a status update to subscribers.',
        actionId: 'pagerduty.com:incident-workflows:send-status-update:1',
      },
    ],
  },
];

const DEMO_BUSINESS_SERVICES = [
  { name: 'Online store', description: 'Customers browse and buy.', pointOfContact: 'Ada Lovelace', team: 'Engineering', supporting: ['Checkout API'] },
  {
    name: 'Customer support portal',
    description: 'Customers open and follow their Cases.',
    pointOfContact: 'Katherine Johnson',
    team: 'Customer Support',
    supporting: ['Customer Support'],
  },
];

/**
 * The demo's custom fields, incident workflows and business services. Seeded after everything
 * else, so the Ids of the objects seeded before them stay what they always were.
 */
export function seedResponseTools(
  store: PagerDutyStore,
  customFields: CustomFieldOperations,
  names: { teams: Record<string, string>; services: Record<string, string> },
  now: string,
): ResponseSeedIds {
  const ids: ResponseSeedIds = { customFields: {}, incidentWorkflows: {}, businessServices: {} };
  for (const spec of DEMO_FIELDS) {
    ids.customFields[spec.name] = customFields.create({ ...spec, field_options: 'field_options' in spec ? [...spec.field_options] : undefined }).id;
  }
  for (const spec of DEMO_WORKFLOWS) {
    const workflow: IncidentWorkflow = {
      id: store.ids.next(),
      name: spec.name,
      description: spec.description,
      teamId: names.teams[spec.team] ?? null,
      enabled: true,
      createdAt: now,
      steps: spec.steps.map((step) => ({ id: store.ids.next(), ...step })),
    };
    store.incidentWorkflows.set(workflow.id, workflow);
    ids.incidentWorkflows[spec.name] = workflow.id;
  }
  for (const spec of DEMO_BUSINESS_SERVICES) {
    const service: BusinessService = {
      id: store.ids.next(),
      name: spec.name,
      description: spec.description,
      pointOfContact: spec.pointOfContact,
      teamId: names.teams[spec.team] ?? null,
      supportingServiceIds: spec.supporting.flatMap((name) => names.services[name] ?? []),
    };
    store.businessServices.set(service.id, service);
    ids.businessServices[spec.name] = service.id;
  }
  return ids;
}
