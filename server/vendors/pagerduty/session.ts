import type { ConnectionStore, PagerDutySettings } from '../../store/connections';
import type { OutboundProxy } from '../outboundProxy';
import { DEFAULT_VENDOR_TIMEOUT_MS } from '../requestTimeout';
import { pagerDutyClientOptions } from './checks';
import { PagerDutyClient } from './client';
import { PagerDutyRateLimiter } from './rateLimiter';

/**
 * The sync engine's PagerDuty client, rebuilt when the connection settings change, sharing one
 * rate limiter per API key so every caller in this process paces against the same budget.
 */
export class PagerDutySession {
  #client: { key: string; client: PagerDutyClient; fromUserId?: string } | undefined;
  readonly #limiters = new Map<string, PagerDutyRateLimiter>();
  #cachedSettings: { at: number; settings: Promise<PagerDutySettings> } | undefined;

  constructor(
    private readonly connections: ConnectionStore,
    private readonly proxy: OutboundProxy,
    /** How long one call may take (below the job lease: see requestTimeout.ts). */
    private readonly timeoutMs = DEFAULT_VENDOR_TIMEOUT_MS,
  ) {}

  reset(): void {
    this.#client = undefined;
    this.#cachedSettings = undefined;
  }

  /**
   * The connection settings, re-read (and decrypted) at most every 2 s: every PagerDuty call
   * needs them, and a change made on another instance only has to arrive within seconds.
   */
  #settings(): Promise<PagerDutySettings> {
    const now = Date.now();
    if (!this.#cachedSettings || now - this.#cachedSettings.at > SETTINGS_MAX_AGE_MS) {
      this.#cachedSettings = { at: now, settings: this.connections.pagerduty() };
      this.#cachedSettings.settings.catch(() => (this.#cachedSettings = undefined));
    }
    return this.#cachedSettings.settings;
  }

  async client(): Promise<PagerDutyClient> {
    const settings = await this.#settings();
    if (!settings.apiKey) throw new PagerDutyNotConfigured();
    const key = JSON.stringify([settings.apiUrl, settings.apiKey, settings.fromEmail, settings.customHeaders ?? []]);
    if (this.#client?.key !== key) {
      let limiter = this.#limiters.get(settings.apiKey);
      if (!limiter) this.#limiters.set(settings.apiKey, (limiter = new PagerDutyRateLimiter()));
      this.#client = {
        key,
        client: new PagerDutyClient({ ...pagerDutyClientOptions(settings, settings.apiKey, this.proxy), timeoutMs: this.timeoutMs, limiter }),
      };
    }
    return this.#client.client;
  }

  /**
   * The integration user's Id if already looked up for settings read within the last 2 s,
   * without a call; else undefined (and the settings are re-read for the next caller), as a
   * change of the From email on another instance must arrive here too.
   */
  knownIntegrationUserId(): string | undefined {
    if (!this.#cachedSettings || Date.now() - this.#cachedSettings.at > SETTINGS_MAX_AGE_MS) {
      // Not awaited: the caller must not wait (on SQLite this read waits for its transaction).
      this.client().catch(() => undefined);
      return undefined;
    }
    return this.#client?.fromUserId;
  }

  /** The PagerDuty user Id of the integration user (the `From` email): its changes are our echoes. */
  async integrationUserId(): Promise<string | undefined> {
    const client = await this.client();
    const cached = this.#client;
    if (cached?.fromUserId) return cached.fromUserId;
    const email = (await this.#settings()).fromEmail;
    if (!email) return undefined;
    const { body } = await client.request<{ users: { id: string; email: string }[] }>('GET', '/users', { query: { query: email, limit: 100 } });
    const id = body.users.find((user) => user.email.toLowerCase() === email.toLowerCase())?.id;
    if (cached && id) cached.fromUserId = id;
    return id;
  }
}

/** How long connection settings read from the store are trusted. */
const SETTINGS_MAX_AGE_MS = 2_000;

export class PagerDutyNotConfigured extends Error {
  constructor() {
    super('PagerDuty is not connected: enter a REST API key on the CONNECTIONS tab.');
    this.name = 'PagerDutyNotConfigured';
  }
}
