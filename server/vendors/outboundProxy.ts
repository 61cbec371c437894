import { rootCertificates } from 'node:tls';
import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici';
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

export interface OutboundOptions {
  /**
   * One more certificate (PEM) to trust besides Node's bundled roots: demo mode's own self-signed
   * certificate when its emulators serve HTTPS (`DEMO_TLS`). Only startDemo makes one, so a
   * non-demo start never trusts it.
   */
  trustedCa?: string | undefined;
}

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
  readonly #ca: string[] | undefined;
  #dispatcher: Dispatcher | undefined;

  constructor(settings: ProxySettings, options: OutboundOptions = {}) {
    // `ca` replaces the default roots, so they are listed too: real vendors stay trusted.
    this.#ca = options.trustedCa ? [...rootCertificates, options.trustedCa] : undefined;
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

  /** The certificate authorities to verify servers with when one is added (`trustedCa`); undefined: Node's defaults. */
  get ca(): string[] | undefined {
    return this.#ca;
  }

  /**
   * The undici dispatcher for this configuration, or undefined (undici's global agent) when no
   * proxy is set and no certificate added. The settings are always passed explicitly: undici would
   * otherwise fall back to the process environment for any it is not given.
   */
  get dispatcher(): Dispatcher | undefined {
    if (!this.configured && !this.#ca) return undefined;
    // `connect` verifies the servers reached directly, `requestTls` those reached through a proxy tunnel.
    const connect = this.#ca ? { connect: { ca: this.#ca } } : {};
    const tls = this.#ca ? { ...connect, requestTls: { ca: this.#ca } } : {};
    this.#dispatcher ??= this.configured
      ? new EnvHttpProxyAgent({
          httpProxy: this.#httpProxy ?? '',
          httpsProxy: this.#httpsProxy ?? '',
          noProxy: this.#bypassAll ? '*' : this.#noProxy.map((entry) => (entry.port ? `${entry.hostname}:${entry.port}` : entry.hostname)).join(','),
          ...tls,
        })
      : new Agent(connect);
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
