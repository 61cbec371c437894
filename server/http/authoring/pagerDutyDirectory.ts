import type { AppContext } from '../../context';
import { PagerDutyApiError, type PagerDutyClient } from '../../vendors/pagerduty/client';
import { listIncidentCustomFields, optionValues } from '../../vendors/pagerduty/customFields';
import type { PagerDutyCustomFieldOption, PagerDutyMetadataReply } from '../../../contracts/authoring';
import { pagerDutyFailure } from '../views/vendorErrors';

/** How long the pickers' lists are reused: long enough to open a few editors, short enough to see new services. */
export const DIRECTORY_TTL_MS = 60_000;
const PAGE_SIZE = 100;
/** A runaway `more: true` must not loop forever. */
const MAX_PAGES = 50;

interface Entry {
  key: string;
  expiresAt: number;
  value: Promise<PagerDutyMetadataReply>;
}

const cache = new WeakMap<AppContext, Entry>();

/**
 * Services, escalation policies, priorities, users, incident workflows and incident custom field
 * definitions for the rule editor's pickers, read with classic pagination and cached per
 * connection (apiUrl + key) for about a minute.
 */
export async function pagerDutyDirectory(ctx: AppContext, options: { fresh?: boolean; now?: number } = {}): Promise<PagerDutyMetadataReply> {
  const now = options.now ?? Date.now();
  const settings = await ctx.connections.pagerduty();
  const key = `${settings.apiUrl}|${settings.apiKey ?? ''}`;
  const cached = cache.get(ctx);
  if (!options.fresh && cached && cached.key === key && cached.expiresAt > now) return cached.value;
  const value = load(ctx);
  const entry: Entry = { key, expiresAt: now + DIRECTORY_TTL_MS, value };
  cache.set(ctx, entry);
  value.catch(() => {
    if (cache.get(ctx) === entry) cache.delete(ctx);
  });
  return value;
}

async function load(ctx: AppContext): Promise<PagerDutyMetadataReply> {
  try {
    const client = await ctx.sessions.pagerduty.client();
    const [services, policies, priorities, users, workflows, customFields] = await Promise.all([
      listAll<{ id: string; name: string; escalation_policy?: { id?: string } | null }>(client, '/services', 'services'),
      listAll<{ id: string; name: string }>(client, '/escalation_policies', 'escalation_policies'),
      unlessUnavailable(listAll<{ id: string; name: string }>(client, '/priorities', 'priorities')),
      listAll<{ id: string; name: string; email: string }>(client, '/users', 'users'),
      unlessUnavailable(listAll<{ id: string; name: string }>(client, '/incident_workflows', 'incident_workflows')),
      unlessUnavailable(listCustomFields(client)),
    ]);
    return {
      services: services.map((s) => ({ id: s.id, name: s.name, escalationPolicyId: s.escalation_policy?.id ?? null })).sort(byName),
      escalationPolicies: policies.map((p) => ({ id: p.id, name: p.name })).sort(byName),
      // Priorities keep PagerDuty's order (P1 first), which is their meaning.
      priorities: priorities.map((p) => ({ id: p.id, name: p.name })),
      users: users.map((u) => ({ id: u.id, name: u.name, email: u.email })).sort(byName),
      incidentWorkflows: workflows.map((w) => ({ id: w.id, name: w.name })).sort(byName),
      incidentCustomFields: customFields.sort((a, b) => a.displayName.localeCompare(b.displayName)),
      fetchedAt: new Date().toISOString(),
    };
  } catch (error) {
    throw pagerDutyFailure(error, 'listing services, escalation policies, priorities, users, incident workflows and custom fields');
  }
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name.localeCompare(b.name);
}

async function listAll<T>(client: PagerDutyClient, path: string, property: string): Promise<T[]> {
  const items: T[] = [];
  for (let page = 0, offset = 0; page < MAX_PAGES; page++) {
    const { body } = await client.request<Record<string, unknown> & { more?: boolean }>('GET', path, { query: { limit: PAGE_SIZE, offset } });
    const batch = (body[property] as T[] | undefined) ?? [];
    items.push(...batch);
    if (!body.more || batch.length === 0) break;
    offset += batch.length;
  }
  return items;
}

/**
 * PagerDuty statuses that mean "this account has no such list": 404 where a feature is off
 * (priorities), 402 where the plan lacks it and 403 where the key's role may not read it
 * (incident workflows, custom fields). The editor then offers none rather than failing every list.
 */
const UNAVAILABLE_STATUSES: ReadonlySet<number> = new Set([402, 403, 404]);

async function unlessUnavailable<T>(list: Promise<T[]>): Promise<T[]> {
  try {
    return await list;
  } catch (error) {
    if (error instanceof PagerDutyApiError && UNAVAILABLE_STATUSES.has(error.status)) return [];
    throw error;
  }
}

/** Incident custom field definitions with the options of fixed ones, as the rule editor offers them. */
async function listCustomFields(client: PagerDutyClient): Promise<PagerDutyCustomFieldOption[]> {
  return (await listIncidentCustomFields(client)).map((field) => ({
    id: field.id,
    name: field.name,
    displayName: field.display_name || field.name,
    dataType: field.data_type,
    fieldType: field.field_type,
    options: optionValues(field),
  }));
}

/** The PagerDuty user with this email (case-insensitive), from the cached directory. */
export function findUserByEmail(directory: PagerDutyMetadataReply, email: string) {
  const folded = email.toLowerCase();
  return directory.users.find((user) => user.email.toLowerCase() === folded);
}

/**
 * Names by id from the cached directory, for "Test this rule"'s preview. A test must still answer
 * when PagerDuty cannot be read: then the preview shows ids, so this answers an empty map.
 */
export async function pagerDutyNames(ctx: AppContext): Promise<Record<string, string>> {
  try {
    const directory = await pagerDutyDirectory(ctx);
    const named = [...directory.services, ...directory.priorities, ...directory.escalationPolicies, ...directory.users, ...directory.incidentWorkflows];
    return Object.fromEntries(named.map((item) => [item.id, item.name]));
  } catch {
    return {};
  }
}
