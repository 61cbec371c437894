import type { Logger } from 'pino';
import { INCIDENT_EVENT_TYPES, type Ruleset } from '../../../rules';
import type { WebhookOverallState, WebhookSubscriptionState, WebhookSubscriptionView, WebhooksReply } from '../../../contracts/webhooks';
import type { Db } from '../../store/db';
import { anyMappingToSalesforce } from '../../store/fieldMappings';
import { routesPriorityChanges } from '../../store/priorityRouting';
import { RulesetStore } from '../../store/rulesets';
import { WebhookSubscriptionStore, type StoredWebhookSubscription } from '../../store/webhookSubscriptions';
import { PagerDutyApiError, apiPath, type PagerDutyClient } from './client';
import type { PagerDutySession } from './session';
import { verifyPagerDutySignature } from './webhookSignature';

/** Where PagerDuty delivers, below the app's public URL. */
export const WEBHOOK_PATH = '/webhooks/pagerduty';
/** Every incident event type the sync engine can consume. */
export const WEBHOOK_EVENT_TYPES: readonly string[] = INCIDENT_EVENT_TYPES;
/**
 * What the engine follows whatever the rules: the linked incidents' status, notes for comment
 * sync, status updates, which the Status Dashboard shows (PagerDuty has no endpoint to list them),
 * and escalations, after which the agents' console shows the incident's new level and assignees.
 */
export const ALWAYS_FOLLOWED_EVENT_TYPES: readonly string[] = [
  'incident.acknowledged',
  'incident.unacknowledged',
  'incident.resolved',
  'incident.reopened',
  'incident.annotated',
  'incident.status_update_published',
  'incident.escalated',
];
/** What PagerDuty sends when an incident's custom field values change. */
export const CUSTOM_FIELD_VALUES_EVENT_TYPE = 'incident.custom_field_values.updated';
const DESCRIPTION = 'PagerDuty ⇄ Salesforce sync: managed by the connector app (Provision / Repair there)';
/** SUMMARY polls every 15 s; PagerDuty is asked about the subscriptions at most this often. */
const STATE_MAX_AGE_MS = 60_000;
/** A bad signature may mean another instance provisioned a new subscription: re-read, but not on every request. */
const SECRET_RELOAD_MIN_MS = 2_000;

/** PagerDuty's webhook subscription object, as far as we read it. */
interface RemoteSubscription {
  id: string;
  active: boolean;
  delivery_method: { url?: string; secret?: string | null; temporarily_disabled?: boolean };
  events: string[];
  filter: { type: string; id?: string };
}

/**
 * The scopes the rules need webhooks for: the services of `create_incident` actions (one
 * subscription each), or one account-wide subscription (null) when no rule names a service, or
 * when an incident rule creates Cases: that rule must hear incidents of every service.
 */
export function webhookScopes(rulesets: readonly Ruleset[]): (string | null)[] {
  const services = new Set<string>();
  let accountWide = false;
  for (const rule of rulesets.flatMap((ruleset) => ruleset.rules)) {
    for (const action of rule.actions) {
      if (action.type === 'create_incident') services.add(action.serviceId);
      if (action.type === 'create_case') accountWide = true;
    }
  }
  if (accountWide || services.size === 0) return [null];
  return [...services].sort();
}

/**
 * The event types the subscriptions ask for. With a rule on PagerDuty events (in any ruleset,
 * so enabling one needs no new provisioning), every type: the rules then see each incident from
 * its trigger on. Without one, only what keeps links and comments in sync. In particular not
 * `incident.triggered`: an incident the engine created is linked with the status its create
 * answered, so that webhook would only echo the engine's own change back, and receiving,
 * storing and recognising an echo costs this app more than creating the incident did (and
 * PagerDuty a delivery per incident). With an active priority routing row, also priority
 * changes: a person's change reassigns the incident.
 */
export function webhookEventTypes(rulesets: readonly Ruleset[], options: { customFieldValues?: boolean; priorityRouting?: boolean } = {}): string[] {
  const rules = rulesets.flatMap((ruleset) => ruleset.rules);
  const types = new Set<string>(rules.some((rule) => rule.runOn.kind === 'incident') ? WEBHOOK_EVENT_TYPES : ALWAYS_FOLLOWED_EVENT_TYPES);
  // A retried status update or workflow start learns from these whether its first attempt wrote.
  for (const action of rules.flatMap((rule) => rule.actions)) {
    if (action.type === 'publish_status_update') types.add('incident.status_update_published');
    if (action.type === 'start_incident_workflow') types.add('incident.workflow.started');
  }
  // A custom field mapping that carries PagerDuty's values to Cases (store/fieldMappings.ts) hears their changes.
  if (options.customFieldValues) types.add(CUSTOM_FIELD_VALUES_EVENT_TYPE);
  // Active priority routing (store/priorityRouting.ts) follows a person's priority changes.
  if (options.priorityRouting) types.add('incident.priority_updated');
  return [...types];
}

const sameTypes = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((type) => b.includes(type));

export interface WebhookSubscriptionsOptions {
  db: Db;
  /** The app's secret box, handed to the subscriptions' store, which seals their signing secrets (this module never opens one). */
  box: ConstructorParameters<typeof WebhookSubscriptionStore>[1];
  pagerduty: PagerDutySession;
  logger: Logger;
  /** The app's public base URL (PUBLIC_URL); `setPublicUrl` replaces it once the port is known. */
  publicUrl: string;
  now?: () => number;
}

/**
 * The app's own PagerDuty webhook subscriptions (as ServiceNow's "Provision Webhook"): creates
 * them for the services the rules use, keeps each signing secret sealed (PagerDuty shows it only
 * in the create response), reports whether PagerDuty disabled one, repairs it, removes the ones
 * the rules no longer need, and verifies inbound signatures against every stored secret.
 */
export class WebhookSubscriptions {
  readonly store: WebhookSubscriptionStore;
  readonly #db: Db;
  readonly #pagerduty: PagerDutySession;
  readonly #logger: Logger;
  readonly #now: () => number;
  #publicUrl: string;
  #secrets: { values: string[]; loadedAt: number } | undefined;
  #serviceNames = new Map<string, string>();
  /** Provision and repair run one at a time in this process, so two clicks create nothing twice. */
  #exclusive: Promise<unknown> = Promise.resolve();

  constructor(options: WebhookSubscriptionsOptions) {
    this.store = new WebhookSubscriptionStore(options.db, options.box);
    this.#db = options.db;
    this.#pagerduty = options.pagerduty;
    this.#logger = options.logger.child({ component: 'webhook-subscriptions' });
    this.#now = options.now ?? Date.now;
    this.#publicUrl = options.publicUrl.replace(/\/$/, '');
  }

  /** The app's public base URL as it stands (without a trailing slash). */
  get publicUrl(): string {
    return this.#publicUrl;
  }

  setPublicUrl(url: string): void {
    this.#publicUrl = url.replace(/\/$/, '');
  }

  deliveryUrl(): string {
    return this.#publicUrl + WEBHOOK_PATH;
  }

  /** True when `X-PagerDuty-Signature` signs `rawBody` with the secret of one of our subscriptions. */
  async verify(rawBody: Buffer, signatureHeader: string | undefined): Promise<boolean> {
    if (!signatureHeader) return false;
    const cached = this.#secrets;
    if (cached && verifyPagerDutySignature(rawBody, signatureHeader, cached.values)) return true;
    if (cached && this.#now() - cached.loadedAt < SECRET_RELOAD_MIN_MS) return false;
    return verifyPagerDutySignature(rawBody, signatureHeader, await this.#loadSecrets());
  }

  /** State of every stored subscription; asks PagerDuty when the last answer is older than a minute or `refresh`. */
  async view(options: { refresh?: boolean } = {}): Promise<WebhooksReply> {
    let stored = await this.store.list();
    const stale = stored.some((sub) => !sub.stateCheckedAt || this.#now() - sub.stateCheckedAt.getTime() > STATE_MAX_AGE_MS);
    if (stored.length > 0 && (options.refresh || stale)) {
      await this.#refreshStates(stored);
      stored = await this.store.list();
    }
    return this.#reply(stored, await this.#wanted());
  }

  /** Creates the subscriptions the rules need, re-creates deleted ones, updates the URL and events, removes the rest. */
  provision(): Promise<WebhooksReply> {
    return this.#serialized(() => this.#provision({ enable: false }));
  }

  /**
   * After the rules changed: provisions again if subscriptions exist and no longer cover what
   * the rules need (services, event types). Nothing when none was provisioned: that stays the
   * admin's first step.
   */
  followRules(): Promise<void> {
    return this.#serialized(async () => {
      const stored = await this.store.list();
      if (stored.length === 0 || !this.#reply(stored, await this.#wanted()).outOfDate) return;
      this.#logger.info('the rules need other services or event types: provisioning the webhook subscriptions again');
      await this.#provision({ enable: false });
    });
  }

  /** Provision, and also re-enable subscriptions PagerDuty disabled. */
  repair(): Promise<WebhooksReply> {
    return this.#serialized(() => this.#provision({ enable: true }));
  }

  async #provision(options: { enable: boolean }): Promise<WebhooksReply> {
    const client = await this.#pagerduty.client();
    const wanted = await this.#wanted();
    const url = this.deliveryUrl();
    const stored = await this.store.list();
    // Create and fix first, delete last: a change of services never leaves a gap in deliveries
    // (an event delivered twice meanwhile is dropped by the inbox's dedup on the event id).
    const kept = new Set<string>();
    for (const scope of wanted.scopes) {
      const existing = stored.find((sub) => sub.serviceId === scope);
      if (existing) {
        const remote = await this.#fetch(client, existing.id);
        if (remote) {
          await this.#fix(client, existing, remote, url, wanted.events, options.enable);
          kept.add(existing.id);
          continue;
        }
        this.#logger.warn({ subscriptionId: existing.id }, 'webhook subscription deleted in PagerDuty: re-creating it');
        await this.store.delete(existing.id);
      }
      kept.add(await this.#create(client, scope, url, wanted.events));
    }
    for (const sub of stored.filter((candidate) => !kept.has(candidate.id))) {
      await this.#deleteRemote(client, sub.id);
      await this.store.delete(sub.id);
      this.#logger.info({ subscriptionId: sub.id, serviceId: sub.serviceId }, 'webhook subscription no longer needed: deleted');
    }
    await this.#deleteOrphans(client, url, kept);
    this.#secrets = undefined;
    return this.#reply(await this.store.list(), wanted);
  }

  async #create(client: PagerDutyClient, serviceId: string | null, url: string, events: readonly string[]): Promise<string> {
    const { body } = await client.request<{ webhook_subscription: RemoteSubscription }>('POST', '/webhook_subscriptions', {
      body: {
        webhook_subscription: {
          type: 'webhook_subscription',
          active: true,
          delivery_method: { type: 'http_delivery_method', url },
          description: DESCRIPTION,
          events: [...events],
          filter: serviceId ? { type: 'service_reference', id: serviceId } : { type: 'account_reference' },
        },
      },
    });
    const created = body.webhook_subscription;
    const secret = created.delivery_method.secret;
    if (!secret) {
      await this.#deleteRemote(client, created.id);
      throw new Error('PagerDuty created the webhook subscription without showing its signing secret; it was deleted again');
    }
    try {
      await this.store.insert({ id: created.id, serviceId, deliveryUrl: url, events: created.events, state: 'enabled', secret });
    } catch (error) {
      // Without the stored secret its deliveries could never be verified: do not leave it behind.
      await this.#deleteRemote(client, created.id);
      throw error;
    }
    this.#logger.info({ subscriptionId: created.id, serviceId }, 'webhook subscription provisioned');
    return created.id;
  }

  /** Brings a live subscription in line: delivery URL, event types, and (on repair) enabled. */
  async #fix(
    client: PagerDutyClient,
    stored: StoredWebhookSubscription,
    remote: RemoteSubscription,
    url: string,
    events: readonly string[],
    enable: boolean,
  ): Promise<void> {
    const update: Record<string, unknown> = {};
    if (remote.delivery_method.url !== url) update.delivery_method = { url };
    if (!sameTypes(remote.events, events)) update.events = [...events];
    if (enable && !remote.active) update.active = true;
    let current = remote;
    if (Object.keys(update).length > 0) {
      current = (
        await client.request<{ webhook_subscription: RemoteSubscription }>('PUT', apiPath`/webhook_subscriptions/${stored.id}`, {
          body: { webhook_subscription: update },
        })
      ).body.webhook_subscription;
    }
    if (enable && current.delivery_method.temporarily_disabled) {
      current = (await client.request<{ webhook_subscription: RemoteSubscription }>('POST', apiPath`/webhook_subscriptions/${stored.id}/enable`)).body
        .webhook_subscription;
      this.#logger.info({ subscriptionId: stored.id }, 'webhook subscription re-enabled');
    }
    const { state, message } = stateOf(current, url);
    await this.store.setState(stored.id, state, message, { deliveryUrl: current.delivery_method.url ?? url, events: current.events });
  }

  /** Subscriptions delivering to us that we hold no secret for (an earlier install, a lost database): they can only fail. */
  async #deleteOrphans(client: PagerDutyClient, url: string, kept: ReadonlySet<string>): Promise<void> {
    const orphans: string[] = [];
    for (let offset = 0; offset < 1_000; offset += 100) {
      const { body } = await client.request<{ webhook_subscriptions: RemoteSubscription[]; more?: boolean }>('GET', '/webhook_subscriptions', {
        query: { limit: 100, offset },
      });
      for (const sub of body.webhook_subscriptions) {
        if (sub.delivery_method.url === url && !kept.has(sub.id)) orphans.push(sub.id);
      }
      if (!body.more) break;
    }
    for (const id of orphans) {
      await this.#deleteRemote(client, id);
      this.#logger.info({ subscriptionId: id }, 'deleted a webhook subscription to this app whose secret is unknown');
    }
  }

  async #fetch(client: PagerDutyClient, id: string): Promise<RemoteSubscription | undefined> {
    try {
      return (await client.request<{ webhook_subscription: RemoteSubscription }>('GET', apiPath`/webhook_subscriptions/${id}`)).body.webhook_subscription;
    } catch (error) {
      if (error instanceof PagerDutyApiError && error.status === 404) return undefined;
      throw error;
    }
  }

  async #deleteRemote(client: PagerDutyClient, id: string): Promise<void> {
    try {
      await client.request('DELETE', apiPath`/webhook_subscriptions/${id}`);
    } catch (error) {
      if (!(error instanceof PagerDutyApiError && error.status === 404)) throw error;
    }
  }

  async #refreshStates(stored: StoredWebhookSubscription[]): Promise<void> {
    let client: PagerDutyClient;
    try {
      client = await this.#pagerduty.client();
    } catch (error) {
      for (const sub of stored) await this.store.setState(sub.id, 'unknown', (error as Error).message);
      return;
    }
    const url = this.deliveryUrl();
    for (const sub of stored) {
      try {
        const remote = await this.#fetch(client, sub.id);
        if (!remote) {
          await this.store.setState(sub.id, 'missing', 'Deleted in PagerDuty: Repair re-creates it.');
          continue;
        }
        const { state, message } = stateOf(remote, url);
        await this.store.setState(sub.id, state, message);
        if (sub.serviceId && !this.#serviceNames.has(sub.serviceId)) await this.#learnServiceName(client, sub.serviceId);
      } catch (error) {
        await this.store.setState(sub.id, 'unknown', `PagerDuty could not be asked: ${(error as Error).message}`);
      }
    }
  }

  async #learnServiceName(client: PagerDutyClient, serviceId: string): Promise<void> {
    try {
      const { body } = await client.request<{ service: { name: string } }>('GET', apiPath`/services/${serviceId}`);
      this.#serviceNames.set(serviceId, body.service.name);
    } catch {
      // The name is decoration; the id is shown instead.
    }
  }

  /** What the rules need: the subscriptions' scopes and their event types. */
  async #wanted(): Promise<{ scopes: (string | null)[]; events: string[] }> {
    const [rulesets, customFieldValues, priorityRouting] = await Promise.all([
      new RulesetStore(this.#db).list(),
      anyMappingToSalesforce(this.#db),
      routesPriorityChanges(this.#db),
    ]);
    return { scopes: webhookScopes(rulesets), events: webhookEventTypes(rulesets, { customFieldValues, priorityRouting }) };
  }

  async #loadSecrets(): Promise<string[]> {
    const values = await this.store.secrets((id, error) =>
      this.#logger.error({ subscriptionId: id, err: error }, 'a webhook signing secret could not be decrypted'),
    );
    this.#secrets = { values, loadedAt: this.#now() };
    return values;
  }

  #reply(stored: StoredWebhookSubscription[], wanted: { scopes: (string | null)[]; events: string[] }): WebhooksReply {
    const subscriptions: WebhookSubscriptionView[] = stored.map((sub) => ({
      id: sub.id,
      scope: sub.serviceId ? 'service' : 'account',
      serviceId: sub.serviceId,
      serviceName: sub.serviceId ? (this.#serviceNames.get(sub.serviceId) ?? null) : null,
      deliveryUrl: sub.deliveryUrl,
      events: sub.events,
      state: sub.state,
      message: sub.stateMessage ?? defaultMessage(sub.state),
      checkedAt: sub.stateCheckedAt?.toISOString() ?? null,
      createdAt: sub.createdAt.toISOString(),
    }));
    const covered = new Set(stored.map((sub) => sub.serviceId));
    const outOfDate =
      stored.length > 0 &&
      (wanted.scopes.some((scope) => !covered.has(scope)) ||
        stored.some((sub) => !wanted.scopes.includes(sub.serviceId) || !sameTypes(sub.events, wanted.events)));
    const { state, message } = overallState(subscriptions, outOfDate);
    return {
      state,
      message,
      deliveryUrl: this.deliveryUrl(),
      wantedServiceIds: wanted.scopes,
      outOfDate,
      subscriptions,
      checkedAt: new Date(this.#now()).toISOString(),
    };
  }

  #serialized<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#exclusive.then(work, work);
    this.#exclusive = run.catch(() => undefined);
    return run;
  }
}

function stateOf(remote: RemoteSubscription, url: string): { state: WebhookSubscriptionState; message: string } {
  if (remote.delivery_method.temporarily_disabled) {
    return { state: 'disabled', message: 'PagerDuty disabled it after repeated failed deliveries: Repair re-enables it.' };
  }
  if (!remote.active) return { state: 'disabled', message: 'Turned off in PagerDuty: Repair turns it back on.' };
  if (remote.delivery_method.url !== url) {
    return { state: 'disabled', message: `It delivers to ${remote.delivery_method.url ?? 'another address'}, not to this app: Repair points it at ${url}.` };
  }
  return { state: 'enabled', message: 'Delivering incident changes to this app.' };
}

function defaultMessage(state: WebhookSubscriptionState): string {
  switch (state) {
    case 'enabled':
      return 'Delivering incident changes to this app.';
    case 'disabled':
      return 'Not delivering: Repair re-enables it.';
    case 'missing':
      return 'Deleted in PagerDuty: Repair re-creates it.';
    case 'unknown':
      return 'PagerDuty could not be asked about it.';
  }
}

function overallState(subscriptions: WebhookSubscriptionView[], outOfDate: boolean): { state: WebhookOverallState; message: string } {
  if (subscriptions.length === 0) {
    return { state: 'not_provisioned', message: 'No webhook subscription has been provisioned yet: use Provision webhook on the CONNECTIONS tab.' };
  }
  const broken = subscriptions.filter((sub) => sub.state === 'disabled' || sub.state === 'missing');
  if (broken.length > 0) {
    const what = broken.map((sub) => (sub.state === 'missing' ? 'deleted in PagerDuty' : 'disabled')).join(', ');
    return {
      state: 'disabled',
      message: `${broken.length} of ${subscriptions.length} webhook subscription(s) not delivering (${what}): incident changes are missed until you Repair (reconciliation catches up meanwhile).`,
    };
  }
  const unknown = subscriptions.find((sub) => sub.state === 'unknown');
  if (unknown) return { state: 'unknown', message: unknown.message };
  if (outOfDate) {
    return { state: 'enabled', message: 'Delivering, but the rules now need other services or event types than the subscriptions cover: Provision again.' };
  }
  return { state: 'enabled', message: `${subscriptions.length} webhook subscription(s) delivering incident changes to this app.` };
}
