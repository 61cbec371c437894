/**
 * A typed doorway to faye, the Bayeux server the broker is built on. faye ships no type
 * definitions, so the few parts the broker uses are declared here and loaded through
 * `createRequire` (a project-wide `declare module 'faye'` would also retype jsforce's streaming
 * client for every other module).
 */
import type http from 'node:http';
import { createRequire } from 'node:module';

/** A Bayeux message as faye's server extensions see it (requests, replies and deliveries). */
export interface BayeuxMessage {
  channel: string;
  id?: string;
  clientId?: string;
  subscription?: string | string[];
  connectionType?: string;
  supportedConnectionTypes?: string[];
  data?: unknown;
  error?: string;
  successful?: boolean;
  advice?: { reconnect?: 'retry' | 'handshake' | 'none'; interval?: number; timeout?: number };
  ext?: Record<string, unknown>;
}

/**
 * A server-side extension. faye passes the HTTP request as the second argument when the
 * function declares three parameters; it is `null` for messages published in-process.
 */
export interface ServerExtension {
  incoming(message: BayeuxMessage, request: http.IncomingMessage | null, callback: (message: BayeuxMessage) => void): void;
  outgoing(message: BayeuxMessage, request: http.IncomingMessage | null, callback: (message: BayeuxMessage) => void): void;
}

/** faye's in-memory engine: client registry, subscriptions and per-client delivery queues. */
export interface MemoryEngine {
  subscribe(clientId: string, channel: string): void;
  /** Forgets the client and its subscriptions; its next request is answered "unknown client". */
  destroyClient(clientId: string): void;
  /** Queues `message` for every client subscribed to one of `channels` (not `message.channel`). */
  publish(message: { channel: string; data: unknown }, channels: string[]): void;
}

interface EngineProxy {
  readonly __engineProxy: unique symbol;
}

interface MemoryEngineClass {
  create(proxy: EngineProxy, options: Record<string, unknown>): MemoryEngine;
}

export interface NodeAdapter {
  attach(server: http.Server): void;
  addExtension(extension: ServerExtension): void;
  /** Engine events: `handshake`, `subscribe`, `unsubscribe`, `disconnect`, `publish`. */
  bind(event: 'unsubscribe', listener: (clientId: string, channel: string) => void): void;
  bind(event: 'disconnect', listener: (clientId: string) => void): void;
  close(): void;
}

interface NodeAdapterOptions {
  mount: string;
  /** Seconds a `/meta/connect` long poll is held open (Salesforce advises 110). */
  timeout: number;
  engine: { type: { create(proxy: EngineProxy, options: Record<string, unknown>): MemoryEngine } };
}

interface FayeModule {
  NodeAdapter: new (options: NodeAdapterOptions) => NodeAdapter;
}

const require = createRequire(import.meta.url);
const faye = require('faye') as FayeModule;
const Memory = require('faye/src/engines/memory') as MemoryEngineClass;

/**
 * A faye Bayeux server mounted at `mount`, plus a handle on its memory engine. The broker
 * delivers each change event to one subscriber at a time (its own replay position decides what
 * it gets), which needs the engine's per-client queues; faye's public API only broadcasts. The
 * handle is captured through faye's documented engine option (`engine.type`).
 */
export function createBayeuxServer(options: { mount: string; timeoutSeconds: number }): {
  adapter: NodeAdapter;
  engine: MemoryEngine;
} {
  let engine: MemoryEngine | undefined;
  const adapter = new faye.NodeAdapter({
    mount: options.mount,
    timeout: options.timeoutSeconds,
    engine: {
      type: {
        create(proxy, engineOptions) {
          engine = Memory.create(proxy, engineOptions);
          return engine;
        },
      },
    },
  });
  if (!engine) throw new Error('faye did not create its engine while constructing the adapter');
  return { adapter, engine };
}
