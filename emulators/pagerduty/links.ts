import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestHandler } from 'express';

/**
 * URLs the emulator puts in `self` and `html_url`.
 *
 * `self` points back at the emulator, on the base the client used: behind a TLS proxy that sets
 * `X-Forwarded-Proto` / `X-Forwarded-Host`, on the proxy's base, so a client that follows it stays
 * on its own side of the proxy (`withRequestBase`); without a request (webhook deliveries), on the
 * emulator's own URL.
 *
 * `html_url` has PagerDuty's shape, `https://{subdomain}.pagerduty.com/incidents/{id}`, when a
 * subdomain is configured, for the kinds whose web path PagerDuty's API reference examples show
 * (WEB_PATHS); the others (priorities, business services: null or absent there) keep the
 * emulator's. Without a subdomain (the demo, the tests) it stays clickable: `{base}/incidents/{id}`,
 * where the emulator serves its console to a browser, and `{base}/?{collection}={id}` otherwise.
 */
export class Links {
  readonly #baseUrl: () => string;
  readonly #subdomain: string | undefined;
  readonly #requestBase = new AsyncLocalStorage<string>();

  constructor(baseUrl: () => string, options: { subdomain?: string | undefined } = {}) {
    this.#baseUrl = baseUrl;
    this.#subdomain = options.subdomain;
  }

  /** The base a request's links are on: its forwarded scheme and host, else the emulator's own. */
  get base(): string {
    return this.#requestBase.getStore() ?? this.#baseUrl();
  }

  /** Middleware: the rest of the request renders links on the base the client reached. */
  withRequestBase(): RequestHandler {
    return (req, _res, next) => {
      const base = forwardedBase(this.#baseUrl(), req.get('x-forwarded-proto'), req.get('x-forwarded-host'));
      if (base) this.#requestBase.run(base, next);
      else next();
    };
  }

  api(collection: string, id: string): string {
    return `${this.base}/${collection}/${id}`;
  }

  html(collection: string, id: string): string {
    const webPath = WEB_PATHS[collection];
    if (this.#subdomain && webPath) return `https://${this.#subdomain}.pagerduty.com/${webPath}/${id}`;
    if (collection === 'incidents') return `${this.base}/incidents/${encodeURIComponent(id)}`;
    return `${this.base}/?${collection}=${encodeURIComponent(id)}`;
  }

  /** A log entry's page is under its incident's on PagerDuty. */
  logEntryHtml(incidentId: string, entryId: string): string {
    if (this.#subdomain) return `https://${this.#subdomain}.pagerduty.com/incidents/${incidentId}/log_entries/${entryId}`;
    return this.html('log_entries', entryId);
  }

  prioritiesPage(): string {
    return `${this.base}/?account=incident_priorities`;
  }
}

/** Web paths by API collection, as the `html_url` examples of PagerDuty's API reference show them. */
const WEB_PATHS: Record<string, string> = {
  incidents: 'incidents',
  users: 'users',
  teams: 'teams',
  services: 'service-directory',
  escalation_policies: 'escalation_policies',
  schedules: 'schedules',
  incident_workflows: 'flex-workflows/workflows',
};

/** A PagerDuty subdomain as accounts have them: letters, digits and inner hyphens. */
export function isSubdomain(value: string): boolean {
  return /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i.test(value);
}

/**
 * The base from `X-Forwarded-Proto` / `X-Forwarded-Host` (the first hop's value when a chain of
 * proxies lists several), the other part from the emulator's own URL; undefined when neither is
 * sent or a value is not a scheme or host, so a bad header cannot inject into a link.
 */
function forwardedBase(own: string, proto: string | undefined, host: string | undefined): string | undefined {
  const first = (value: string | undefined) => value?.split(',')[0]?.trim() || undefined;
  const forwardedProto = first(proto)?.toLowerCase();
  const forwardedHost = first(host);
  if (!forwardedProto && !forwardedHost) return undefined;
  if (forwardedProto && forwardedProto !== 'http' && forwardedProto !== 'https') return undefined;
  if (forwardedHost && !/^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i.test(forwardedHost)) return undefined;
  const ownUrl = new URL(own);
  const scheme = forwardedProto ?? ownUrl.protocol.replace(/:$/, '');
  // A forwarded scheme alone keeps the emulator's host; PagerDuty's default ports are not written.
  return `${scheme}://${forwardedHost ?? ownUrl.host}`;
}
