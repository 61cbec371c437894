import { createRequire } from 'node:module';
import type { OutboundProxy } from '../../vendors/outboundProxy';
import type { SalesforceConnection } from '../../vendors/salesforce/connect';

/**
 * A CometD (faye) client for a Salesforce connection's streaming endpoint, built as jsforce's
 * `streaming.createClient` builds it (endpoint `/cometd/{version}`, the session in an OAuth
 * header, long polling without batching) but with the outbound proxy. jsforce passes faye no
 * options, so faye would pick a proxy from `https_proxy`/`http_proxy` itself, ignoring NO_PROXY
 * and the app's configuration; here faye is given the proxy the app decided for this endpoint, and
 * the certificates it trusts (demo mode's own, when its emulators serve HTTPS).
 */
export function createStreamingClient(connection: SalesforceConnection, proxy: OutboundProxy, extensions: readonly object[]): FayeClient {
  const endpoint = `${connection.instanceUrl}/cometd/${connection.version}`;
  const origin = proxy.proxyFor(endpoint);
  const ca = proxy.ca;
  const client = new faye.Client(endpoint, { ...(origin ? { proxy: { origin } } : {}), ...(ca ? { tls: { ca } } : {}) });
  client.setHeader('Authorization', `OAuth ${connection.accessToken ?? ''}`);
  for (const extension of extensions) client.addExtension(extension);
  // Salesforce serves long polling only; faye's batching would hold a message back (jsforce does the same).
  // Nor is its WebSocket probe tried: it would be refused, and over TLS to an IP address (demo's
  // --tls) faye-websocket passes that IP as the TLS server name, which Node warns about.
  client.disable('websocket');
  const dispatcher = client._dispatcher;
  if (!dispatcher.getConnectionTypes().includes('callback-polling')) {
    dispatcher.selectTransport('long-polling');
    if (dispatcher._transport) dispatcher._transport.batching = false;
  }
  return client;
}

/** The part of faye's client used here and by the CDC subscriber (faye ships no types). */
export interface FayeClient {
  subscribe(channel: string, listener: (message: never) => void): PromiseLike<unknown>;
  disconnect(): PromiseLike<unknown> | undefined;
  setHeader(name: string, value: string): void;
  addExtension(extension: object): void;
  disable(feature: string): void;
  _dispatcher: {
    getConnectionTypes(): string[];
    selectTransport(type: string): void;
    _transport?: { batching: boolean };
    close?: () => void;
  };
}

interface FayeModule {
  Client: new (endpoint: string, options: { proxy?: { origin: string }; tls?: { ca: string[] } }) => FayeClient;
}

const require = createRequire(import.meta.url);
const faye = require('faye') as FayeModule;
