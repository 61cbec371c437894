import type { AppContext } from '../../context';
import { PagerDutyApiError, type PagerDutyClient } from '../../vendors/pagerduty/client';
import type { PagerDutyMetadataReply } from '../../../contracts/authoring';
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
 * Services, escalation policies, priorities and users for the rule editor's pickers, read with
 * classic pagination and cached per connection (apiUrl + key) for about a minute.
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
    const [services, policies, priorities, users] = await Promise.all([
      listAll<{ id: string; name: string; escalation_policy?: { id?: string } | null }>(client, '/services', 'services'),
      listAll<{ id: string; name: string }>(client, '/escalation_policies', 'escalation_policies'),
      listPriorities(client),
      listAll<{ id: string; name: string; email: string }>(client, '/users', 'users'),
    ]);
    return {
      services: services.map((s) => ({ id: s.id, name: s.name, escalationPolicyId: s.escalation_policy?.id ?? null })).sort(byName),
      escalationPolicies: policies.map((p) => ({ id: p.id, name: p.name })).sort(byName),
      // Priorities keep PagerDuty's order (P1 first), which is their meaning.
      priorities: priorities.map((p) => ({ id: p.id, name: p.name })),
      users: users.map((u) => ({ id: u.id, name: u.name, email: u.email })).sort(byName),
      fetchedAt: new Date().toISOString(),
    };
  } catch (error) {
    throw pagerDutyFailure(error, 'listing services, escalation policies, priorities and users');
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

/** Accounts without priorities enabled answer 404 or an empty list: both mean "no priorities". */
async function listPriorities(client: PagerDutyClient): Promise<{ id: string; name: string }[]> {
  try {
    return await listAll<{ id: string; name: string }>(client, '/priorities', 'priorities');
  } catch (error) {
    if (error instanceof PagerDutyApiError && error.status === 404) return [];
    throw error;
  }
}

/** The PagerDuty user with this email (case-insensitive), from the cached directory. */
export function findUserByEmail(directory: PagerDutyMetadataReply, email: string) {
  const folded = email.toLowerCase();
  return directory.users.find((user) => user.email.toLowerCase() === folded);
}
