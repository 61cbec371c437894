// File paths, not folder aliases: Node's ESM loader (Playwright's runner) resolves only files.
import { Transport } from '@jsforce/jsforce-node/lib/transport.js';
import type { HttpRequest, HttpRequestOptions } from '@jsforce/jsforce-node';
import type { OutboundProxy } from '../outboundProxy';
import { DEFAULT_VENDOR_TIMEOUT_MS } from '../requestTimeout';

/** What jsforce sends through: a connection's REST/SOAP transport and its OAuth2 client's. */
interface RoutedConnection {
  _transport: unknown;
  oauth2: { _transport: unknown };
}

/**
 * Sends every request of a jsforce connection (or an @salesforce/core one: its classes extend
 * @jsforce/jsforce-node's, the same package the app uses) through `proxy`, decided per request
 * URL, so the login host and the instance each follow NO_PROXY, and gives each request
 * `timeoutMs` (jsforce's default is 30 minutes, and its `Connection` methods take no timeout:
 * the transport's request options are the one place to set it).
 *
 * Why replace the transports: jsforce takes one `httpProxy` for all hosts, and without one it
 * falls back to defaults it read from `https_proxy`/`http_proxy` when it was loaded, ignoring
 * NO_PROXY. Passing `httpProxy` on every request (undefined: direct) overrides both. jsforce's own
 * request still does the sending: undici's fetch, through a ProxyAgent when `httpProxy` is set (a
 * CONNECT tunnel to an https:// host, an absolute-form request to an http:// one).
 */
export function routeThroughProxy(connection: RoutedConnection, proxy: OutboundProxy, timeoutMs = DEFAULT_VENDOR_TIMEOUT_MS): void {
  const transport = proxyRoutedTransport(proxy, timeoutMs);
  connection._transport = transport;
  connection.oauth2._transport = transport;
}

function proxyRoutedTransport(proxy: OutboundProxy, timeoutMs: number): Transport {
  class ProxyRoutedTransport extends Transport {
    override httpRequest(request: HttpRequest, options: HttpRequestOptions = {}) {
      return super.httpRequest(request, { ...options, httpProxy: proxy.proxyFor(request.url), timeout: timeoutMs });
    }
  }
  return new ProxyRoutedTransport();
}
