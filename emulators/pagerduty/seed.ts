import { createHash } from 'node:crypto';
import type { CustomFieldOperations } from './customFields/operations';
import type { IncidentOperations } from './incidents/operations';
import type { ApiKey, Integration, Priority, User, UserRole } from './model';
import { type ResponseSeedIds, seedResponseTools } from './seedResponse';
import type { PagerDutyStore } from './store';

export type SeedName = 'demo' | 'empty';
export const SEED_NAMES: readonly SeedName[] = ['demo', 'empty'];

/** What `GET /__emulator/seed` answers: the keys to call with and the Ids of the seeded objects. */
export interface SeedInfo {
  seed: SeedName;
  keys: {
    account: string;
    /** A user-level key; it acts as `keys.userEmail`. */
    user: string;
    userEmail: string;
    readOnly: string;
    /** One user-level key per user, by email. */
    byUser: Record<string, string>;
    /** Events API v2 routing keys (integration keys) by service name. */
    events: Record<string, string>;
  };
  /** The user the demo integration writes as (`From`). */
  integrationUserEmail: string;
  ids: {
    users: Record<string, string>;
    teams: Record<string, string>;
    escalationPolicies: Record<string, string>;
    services: Record<string, string>;
    priorities: Record<string, string>;
    incidents: string[];
    /** Events API v2 integrations by service name. */
    integrations: Record<string, string>;
  } & ResponseSeedIds;
}

export const ACCOUNT_KEY = 'pd-emulator-account-key';
export const READ_ONLY_KEY = 'pd-emulator-read-only-key';

interface UserSpec {
  name: string;
  email: string;
  role: UserRole;
  jobTitle: string;
  teams: string[];
  color: string;
}

const DEMO_TEAMS = [
  { name: 'Engineering', description: 'Builds and runs the checkout platform.' },
  { name: 'Customer Support', description: 'Answers customers and owns Salesforce Cases.' },
];

const DEMO_USERS: UserSpec[] = [
  { name: 'Ada Lovelace', email: 'ada@example.com', role: 'admin', jobTitle: 'Engineering Manager', teams: ['Engineering'], color: 'purple' },
  { name: 'Grace Hopper', email: 'grace@example.com', role: 'user', jobTitle: 'Site Reliability Engineer', teams: ['Engineering'], color: 'green' },
  { name: 'Alan Turing', email: 'alan@example.com', role: 'user', jobTitle: 'Support Engineer', teams: ['Customer Support'], color: 'teal' },
  { name: 'Katherine Johnson', email: 'katherine@example.com', role: 'limited_user', jobTitle: 'Support Lead', teams: ['Customer Support'], color: 'orange' },
  { name: 'Salesforce Integration', email: 'integration@example.com', role: 'user', jobTitle: 'Integration user', teams: [], color: 'blue' },
];

const DEMO_POLICIES = [
  { name: 'Engineering Escalation', description: 'SRE first, then the manager.', levels: [['grace@example.com'], ['ada@example.com']], teams: ['Engineering'] },
  {
    name: 'Support Escalation',
    description: 'Support engineer, support lead, then engineering.',
    levels: [['alan@example.com'], ['katherine@example.com'], ['ada@example.com']],
    teams: ['Customer Support'],
  },
];

const DEMO_SERVICES = [
  { name: 'Checkout API', description: 'Payments and order placement.', policy: 'Engineering Escalation', teams: ['Engineering'] },
  { name: 'Customer Support', description: 'Incidents raised from Salesforce Cases.', policy: 'Support Escalation', teams: ['Customer Support'] },
  { name: 'Salesforce Sync', description: 'The Case ⇄ incident connector itself.', policy: 'Engineering Escalation', teams: ['Engineering'] },
];

const PRIORITIES = [
  { name: 'P1', description: 'Critical: customers cannot buy.' },
  { name: 'P2', description: 'High: major degradation.' },
  { name: 'P3', description: 'Moderate: partial degradation.' },
  { name: 'P4', description: 'Low: minor issue.' },
  { name: 'P5', description: 'Informational.' },
];

/** Replaces the store's contents with a named, deterministic data set (same Ids on every run). */
export interface SeedOperations {
  incidents: IncidentOperations;
  customFields: CustomFieldOperations;
}

export function applySeed(store: PagerDutyStore, { incidents, customFields }: SeedOperations, name: SeedName, now: string): SeedInfo {
  store.clear();
  const users =
    name === 'demo' ? DEMO_USERS : [{ name: 'Account Owner', email: 'owner@example.com', role: 'owner' as const, jobTitle: 'Owner', teams: [], color: 'red' }];
  const teamIds: Record<string, string> = {};
  for (const team of name === 'demo' ? DEMO_TEAMS : []) {
    const id = store.ids.next();
    store.teams.set(id, { id, ...team });
    teamIds[team.name] = id;
  }
  const userIds: Record<string, string> = {};
  const byUser: Record<string, string> = {};
  for (const spec of users) {
    const user: User = {
      id: store.ids.next(),
      name: spec.name,
      email: spec.email,
      role: spec.role,
      timeZone: 'Etc/UTC',
      color: spec.color,
      jobTitle: spec.jobTitle,
      teamIds: spec.teams.map((team) => idOf(teamIds, team)),
    };
    store.users.set(user.id, user);
    userIds[user.email] = user.id;
    const token = `pd-emulator-user-key-${user.email.split('@')[0]}`;
    addKey(store, { token, label: `user:${user.email}`, kind: 'user', userId: user.id });
    byUser[user.email] = token;
  }
  addKey(store, { token: ACCOUNT_KEY, label: 'account', kind: 'account' });
  addKey(store, { token: READ_ONLY_KEY, label: 'read-only', kind: 'read_only' });

  const policyIds: Record<string, string> = {};
  const serviceIds: Record<string, string> = {};
  const priorityIds: Record<string, string> = {};
  const incidentIds: string[] = [];
  const integrationIds: Record<string, string> = {};
  const routingKeys: Record<string, string> = {};
  let responseIds: ResponseSeedIds = { customFields: {}, incidentWorkflows: {}, businessServices: {} };
  if (name === 'demo') {
    for (const spec of DEMO_POLICIES) {
      const id = store.ids.next();
      store.escalationPolicies.set(id, {
        id,
        name: spec.name,
        description: spec.description,
        numLoops: 0,
        rules: spec.levels.map((emails) => ({ id: store.ids.next(), delayMinutes: 30, targetUserIds: emails.map((e) => idOf(userIds, e)) })),
        teamIds: spec.teams.map((team) => idOf(teamIds, team)),
      });
      policyIds[spec.name] = id;
    }
    for (const spec of DEMO_SERVICES) {
      const id = store.ids.next();
      store.services.set(id, {
        id,
        name: spec.name,
        description: spec.description,
        escalationPolicyId: idOf(policyIds, spec.policy),
        teamIds: spec.teams.map((team) => idOf(teamIds, team)),
        createdAt: now,
        acknowledgementTimeout: null,
        autoResolveTimeout: null,
      });
      serviceIds[spec.name] = id;
    }
    PRIORITIES.forEach((spec, order) => {
      const priority: Priority = { id: store.ids.next(), name: spec.name, description: spec.description, order };
      store.priorities.set(priority.id, priority);
      priorityIds[spec.name] = priority.id;
    });
    const integration = seededUser(store, userIds, 'integration@example.com');
    const alan = seededUser(store, userIds, 'alan@example.com');
    const grace = seededUser(store, userIds, 'grace@example.com');
    const checkout = incidents.create(
      {
        type: 'incident',
        title: 'Checkout latency above 2 s',
        service: { id: idOf(serviceIds, 'Checkout API'), type: 'service_reference' },
        priority: { id: idOf(priorityIds, 'P1'), type: 'priority_reference' },
        urgency: 'high',
        body: { type: 'incident_body', details: 'p95 latency of POST /orders crossed 2 s for 10 minutes.' },
        incident_key: 'demo-checkout-latency',
      },
      integration,
      'api',
    );
    const refund = incidents.create(
      {
        type: 'incident',
        title: 'Customer cannot get a refund (Case 00001002)',
        service: { id: idOf(serviceIds, 'Customer Support'), type: 'service_reference' },
        priority: { id: idOf(priorityIds, 'P3'), type: 'priority_reference' },
        urgency: 'low',
        body: { type: 'incident_body', details: 'Refund button fails with an error for order 1842.' },
        incident_key: 'demo-case-00001002',
      },
      integration,
      'api',
    );
    incidents.acknowledge(refund, alan, 'web');
    const resolved = incidents.create(
      {
        type: 'incident',
        title: 'Nightly Case export failed',
        service: { id: idOf(serviceIds, 'Salesforce Sync'), type: 'service_reference' },
        urgency: 'low',
        incident_key: 'demo-nightly-export',
      },
      integration,
      'api',
    );
    incidents.resolve(resolved, grace, 'web', 'Re-ran the export.');
    incidentIds.push(checkout.id, refund.id, resolved.id);
    responseIds = seedResponseTools(store, customFields, { teams: teamIds, services: serviceIds }, now);
    // Seeded after everything else, so every earlier Id kept its value.
    for (const serviceName of EVENTS_INTEGRATION_SERVICES) {
      const integration = addEventsIntegration(store, idOf(serviceIds, serviceName), serviceName, now);
      integrationIds[serviceName] = integration.id;
      routingKeys[serviceName] = integration.integrationKey;
    }
  }

  const userEmail = name === 'demo' ? 'grace@example.com' : 'owner@example.com';
  return {
    seed: name,
    keys: { account: ACCOUNT_KEY, user: idOf(byUser, userEmail), userEmail, readOnly: READ_ONLY_KEY, byUser, events: routingKeys },
    integrationUserEmail: name === 'demo' ? 'integration@example.com' : 'owner@example.com',
    ids: {
      users: userIds,
      teams: teamIds,
      escalationPolicies: policyIds,
      services: serviceIds,
      priorities: priorityIds,
      incidents: incidentIds,
      integrations: integrationIds,
      ...responseIds,
    },
  };
}

/** Services with an Events API v2 integration: the connector's own service, where it pages about itself. */
const EVENTS_INTEGRATION_SERVICES = ['Salesforce Sync'];

/** An Events API v2 integration whose 32-character key is derived from the service's name: the same after every reset. */
function addEventsIntegration(store: PagerDutyStore, serviceId: string, serviceName: string, now: string): Integration {
  const integration: Integration = {
    id: store.ids.next(),
    type: 'events_api_v2_inbound_integration',
    name: 'Events API V2',
    serviceId,
    integrationKey: createHash('sha256').update(`pd-emulator-events:${serviceName}`).digest('hex').slice(0, 32),
    createdAt: now,
  };
  store.integrations.set(integration.id, integration);
  return integration;
}

/** The Id the seed gave `name`; a name the seed does not define is a bug in the seed itself. */
function idOf(ids: Record<string, string>, name: string): string {
  const id = ids[name];
  if (id === undefined) throw new Error(`PagerDuty emulator seed: nothing named "${name}" was seeded`);
  return id;
}

function seededUser(store: PagerDutyStore, userIds: Record<string, string>, email: string): User {
  const user = store.users.get(idOf(userIds, email));
  if (!user) throw new Error(`PagerDuty emulator seed: user ${email} is missing from the store`);
  return user;
}

function addKey(store: PagerDutyStore, key: ApiKey): void {
  store.apiKeys.set(key.token, key);
}
