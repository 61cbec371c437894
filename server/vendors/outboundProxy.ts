import { EnvHttpProxyAgent, type Dispatcher } from 'undici';
import type { ProxySettings } from '../config';

/**
 * The forward proxy every outbound call goes through (PagerDuty REST, Salesforce REST/SOAP/OAuth,
 * the CDC long poll), as `HTTPS_PROXY` / `HTTP_PROXY` / `NO_PROXY` configure it (ProxySettings,
 * parsed from the environment by server/config.ts and passed in); nothing here reads the environment.
 */

interface NoProxyEntry {
  hostname: string;
  /** 0: any port. */
  port: number;
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

/**
 * One decision, two forms: `dispatcher` for undici (PagerDuty REST), `proxyFor(url)` for the
 * clients that take a proxy URL per request (jsforce's transport, faye's long poll).
 *
 * `proxyFor` repeats the NO_PROXY rules of undici's EnvHttpProxyAgent (its matcher is private) so
 * that the Salesforce calls bypass exactly the hosts the PagerDuty calls bypass.
 */
export class OutboundProxy {
  /** No proxy: every call goes straight to its host. */
  static readonly direct = new OutboundProxy({});

  readonly #httpProxy: string | undefined;
  readonly #httpsProxy: string | undefined;
  readonly #noProxy: NoProxyEntry[];
  readonly #bypassAll: boolean;
  #dispatcher: Dispatcher | undefined;

  constructor(settings: ProxySettings) {
    this.#httpProxy = settings.httpProxy || undefined;
    this.#httpsProxy = settings.httpsProxy || this.#httpProxy;
    const noProxy = (settings.noProxy ?? '').trim();
    this.#bypassAll = noProxy === '*';
    this.#noProxy = parseNoProxy(noProxy);
  }

  /** Whether any proxy is configured at all. */
  get configured(): boolean {
    return Boolean(this.#httpProxy ?? this.#httpsProxy);
  }

  /**
   * The undici dispatcher for this configuration, or undefined (undici's global agent) when no
   * proxy is set. The settings are always passed explicitly: undici would otherwise fall back to
   * the process environment for any it is not given.
   */
  get dispatcher(): Dispatcher | undefined {
    if (!this.configured) return undefined;
    this.#dispatcher ??= new EnvHttpProxyAgent({
      httpProxy: this.#httpProxy ?? '',
      httpsProxy: this.#httpsProxy ?? '',
      noProxy: this.#bypassAll ? '*' : this.#noProxy.map((entry) => (entry.port ? `${entry.hostname}:${entry.port}` : entry.hostname)).join(','),
    });
    return this.#dispatcher;
  }

  /** The proxy URL a request to `url` goes through, or undefined to go direct. */
  proxyFor(url: string | URL): string | undefined {
    if (!this.configured) return undefined;
    const target = typeof url === 'string' ? (URL.canParse(url) ? new URL(url) : undefined) : url;
    if (!target) return undefined;
    const proxy = target.protocol === 'https:' ? this.#httpsProxy : target.protocol === 'http:' ? this.#httpProxy : undefined;
    if (!proxy || !this.#shouldProxy(target)) return undefined;
    return proxy;
  }

  /** Closes the proxy connections kept alive (at shutdown). */
  async close(): Promise<void> {
    await this.#dispatcher?.close();
  }

  #shouldProxy(target: URL): boolean {
    if (this.#bypassAll) return false;
    // `host` keeps the brackets of an IPv6 address, as undici's matcher does.
    const hostname = target.host.replace(/:\d*$/, '').toLowerCase();
    const port = Number.parseInt(target.port, 10) || DEFAULT_PORTS[target.protocol] || 0;
    return !this.#noProxy.some((entry) => (!entry.port || entry.port === port) && (hostname === entry.hostname || hostname.endsWith(`.${entry.hostname}`)));
  }
}

function parseNoProxy(value: string): NoProxyEntry[] {
  if (value === '*') return [];
  return value
    .split(/[,\s]/)
    .filter(Boolean)
    .map((entry) => {
      const withPort = /^(.+):(\d+)$/.exec(entry);
      return {
        hostname: (withPort?.[1] ?? entry).replace(/^\*?\./, '').toLowerCase(),
        port: withPort?.[2] ? Number.parseInt(withPort[2], 10) : 0,
      };
    });
}
