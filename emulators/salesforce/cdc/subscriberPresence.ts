import type http from 'node:http';
import type { Socket } from 'node:net';

/** A channel's connected subscribers now, the most there have been at once, and when it changed. */
export interface ChannelSubscribers {
  channel: string;
  /** Clients subscribed to the channel and still connected. */
  current: number;
  /** The most connected subscribers at one moment since the emulator started (or `resetPeaks`). */
  peak: number;
  /** The latest count changes, oldest first (at most CHANGES_KEPT). */
  changes: { at: string; count: number }[];
}

const CHANGES_KEPT = 200;

interface Client {
  channels: Set<string>;
  /** The `/meta/connect` long poll the server is holding for this client, if any. */
  heldConnect: http.IncomingMessage | undefined;
  /** Its held long poll's connection closed unanswered: the client process is gone. */
  vanished: boolean;
}

/**
 * Who is subscribed to which channel and still connected, for the control API: tests prove that
 * exactly one instance holds the CDC subscription at a time.
 *
 * "Still connected" is judged as a server can: a live Bayeux client always has a `/meta/connect`
 * long poll held open by the server (it sends the next one the moment one is answered), so when
 * the connection of a held, unanswered long poll closes, the client is gone: its process died or
 * its network went away. Without this a killed subscriber would count for the ~2 minutes faye
 * (like Salesforce) waits before it forgets a client that stopped polling. A client that sends
 * anything afterwards was alive after all and counts again; a Bayeux disconnect or unsubscribe,
 * or faye forgetting the client, removes it.
 */
export class SubscriberPresence {
  readonly #clients = new Map<string, Client>();
  readonly #peaks = new Map<string, number>();
  readonly #changes = new Map<string, { at: string; count: number }[]>();
  readonly #watchedSockets = new WeakSet<Socket>();
  readonly #now: () => Date;

  constructor(now: () => Date = () => new Date()) {
    this.#now = now;
  }

  /** A request from `clientId` arrived; a `/meta/connect` in it is held until `answered`. */
  seen(clientId: string, channel: string, request: http.IncomingMessage): void {
    const client = this.#clients.get(clientId);
    if (!client) return;
    if (channel === '/meta/connect') {
      client.heldConnect = request;
      this.#watch(request.socket);
    }
    if (client.vanished) this.#update(client, () => (client.vanished = false));
  }

  /** The server answered the client's long poll (carried by `request`). */
  answered(clientId: string, request: http.IncomingMessage): void {
    const client = this.#clients.get(clientId);
    if (client?.heldConnect === request) client.heldConnect = undefined;
  }

  subscribed(clientId: string, channel: string): void {
    let client = this.#clients.get(clientId);
    if (!client) {
      client = { channels: new Set(), heldConnect: undefined, vanished: false };
      this.#clients.set(clientId, client);
    }
    const known = client;
    this.#update(known, () => known.channels.add(channel), [channel]);
  }

  unsubscribed(clientId: string, channel: string): void {
    const client = this.#clients.get(clientId);
    if (client) this.#update(client, () => client.channels.delete(channel), [channel]);
  }

  /** The client disconnected or the server forgot it. */
  forget(clientId: string): void {
    const client = this.#clients.get(clientId);
    if (!client) return;
    this.#update(client, () => this.#clients.delete(clientId));
  }

  report(): ChannelSubscribers[] {
    const channels = new Set([...this.#peaks.keys()]);
    return [...channels].sort().map((channel) => ({
      channel,
      current: this.#count(channel),
      peak: this.#peaks.get(channel) ?? 0,
      changes: [...(this.#changes.get(channel) ?? [])],
    }));
  }

  /** Starts the peaks again from the current counts (and clears the change lists). */
  resetPeaks(): void {
    for (const channel of this.#peaks.keys()) {
      this.#peaks.set(channel, this.#count(channel));
      this.#changes.set(channel, []);
    }
  }

  #watch(socket: Socket): void {
    if (this.#watchedSockets.has(socket)) return;
    this.#watchedSockets.add(socket);
    socket.once('close', () => {
      for (const client of this.#clients.values()) {
        if (client.heldConnect?.socket === socket && !client.vanished) {
          this.#update(client, () => {
            client.vanished = true;
            client.heldConnect = undefined;
          });
        }
      }
    });
  }

  #count(channel: string): number {
    let count = 0;
    for (const client of this.#clients.values()) if (!client.vanished && client.channels.has(channel)) count += 1;
    return count;
  }

  /** Applies `change` to `client` and records every affected channel's new count. */
  #update(client: Client, change: () => unknown, extraChannels: string[] = []): void {
    const channels = new Set([...client.channels, ...extraChannels]);
    const before = new Map([...channels].map((channel) => [channel, this.#count(channel)]));
    change();
    for (const channel of channels) {
      const count = this.#count(channel);
      if (count === before.get(channel) && this.#peaks.has(channel)) continue;
      this.#peaks.set(channel, Math.max(this.#peaks.get(channel) ?? 0, count));
      const changes = this.#changes.get(channel) ?? [];
      changes.push({ at: this.#now().toISOString(), count });
      if (changes.length > CHANGES_KEPT) changes.shift();
      this.#changes.set(channel, changes);
    }
  }
}
