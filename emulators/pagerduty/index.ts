import { listen } from '../../lib/listen';
import type { LocalCertificate } from '../../lib/localTls';
import { createPagerDutyApp, type PagerDutyAppOptions } from './app';
import type { EmulatorContext } from './context';
import type { SeedInfo, SeedName } from './seed';

export type { SeedInfo, SeedName } from './seed';
export type { Delivery, DeliveryAttempt } from './webhooks/delivery';
export type { EmulatorContext } from './context';
export type { ObservedExchange } from './http/exchangeObserver';

export interface PagerDutyEmulatorOptions {
  port?: number;
  host?: string;
  seed?: SeedName;
  /** Requests per minute per key (default 960); `false` turns limiting off. */
  rateLimitPerMinute?: number | false;
  /** Events API v2 events per minute per routing key (default 120, PagerDuty's documented limit); `false` turns it off. */
  eventsRateLimitPerMinute?: number | false;
  /** Webhook attempt timeout in ms (PagerDuty: 5000). Tests lower it to exercise timeouts quickly. */
  webhookTimeoutMs?: number;
  /** Waits between webhook attempts in ms (default 1, 3, 6, 10 minutes: 5 attempts in ~20 minutes). */
  webhookBackoffMs?: number[];
  /** Sees every REST exchange once answered (conformance tests). */
  observeExchanges?: PagerDutyAppOptions['observeExchanges'];
  /** Serve HTTPS (REST, console, control API) with this certificate (lib/localTls.ts); plain HTTP without. */
  tls?: LocalCertificate;
  /**
   * The account's subdomain: `html_url` becomes `https://{subdomain}.pagerduty.com/incidents/{id}`
   * as on PagerDuty. Unset (the demo, tests): `{url}/incidents/{id}`, the emulator's console.
   */
  subdomain?: string;
}

export interface PagerDutyEmulator {
  /** Base URL, e.g. `http://127.0.0.1:4020` (`https://` with `tls`): the REST API root, the Events API root (`/v2/enqueue`) and the console. */
  url: string;
  port: number;
  seedInfo(): SeedInfo;
  reset(seed?: SeedName): SeedInfo;
  /** In-process access to the state, clock, faults, request log and webhook scheduler. */
  context: EmulatorContext;
  close(): Promise<void>;
}

/** Starts the PagerDuty emulator on a port (0 = a free one), seeded with `demo` unless told otherwise. */
export async function startPagerDutyEmulator(options: PagerDutyEmulatorOptions = {}): Promise<PagerDutyEmulator> {
  let baseUrl = '';
  const appOptions: PagerDutyAppOptions = {
    baseUrl: () => baseUrl,
    seed: options.seed,
    rateLimitPerMinute: options.rateLimitPerMinute,
    eventsRateLimitPerMinute: options.eventsRateLimitPerMinute,
    webhookTimeoutMs: options.webhookTimeoutMs,
    webhookBackoffMs: options.webhookBackoffMs,
    observeExchanges: options.observeExchanges,
    subdomain: options.subdomain,
  };
  const { app, context } = createPagerDutyApp(appOptions);
  const server = await listen(app, { port: options.port ?? 0, host: options.host ?? '127.0.0.1', ...(options.tls ? { tls: options.tls } : {}) });
  baseUrl = server.url;
  // Snoozes also end while nobody calls: check each second (the emulator clock decides).
  const snoozeTimer = setInterval(() => context.incidents.expireSnoozes(), 1000);
  snoozeTimer.unref();
  return {
    url: server.url,
    port: server.port,
    seedInfo: () => context.seedInfo(),
    reset: (seed = 'demo') => context.reset(seed),
    context,
    async close() {
      clearInterval(snoozeTimer);
      context.deliveries.stop();
      await server.close();
    },
  };
}
