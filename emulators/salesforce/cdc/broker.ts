/**
 * The Change Data Capture broker: faye serves Bayeux at `/cometd/<version>`; this module adds
 * what Salesforce's Streaming API puts on top of it: session checks on every request, the
 * channel names, the replay extension and the event retention.
 *
 * Delivery model: every subscription keeps a cursor (the last replayId it was given). Publishing
 * appends the event to the log and then hands each matching subscription everything after its
 * cursor; subscribing with a replay option just sets the starting cursor. Because both paths go
 * through the same cursor, a subscriber gets every event once and in replayId order, whether it
 * arrives live or from replay, and however the two interleave.
 */
import type http from 'node:http';
import type { Clock } from '../../shared/clock';
import type { RecordChange } from '../model';
import { channelCarries, isValidEntityName, parseChannel, type ChannelSelector } from './channels';
import { ChangeEventLog, REPLAY_NEW_EVENTS } from './changeEventLog';
import { changeEventData, type ChangeEventData } from './changeEventMessage';
import { createBayeuxServer, type BayeuxMessage, type ServerExtension } from './faye';
import { accessTokenOf, apiVersionError, isFayeUnknownClientError, streamingErrors } from './streamingErrors';
import { SubscriberPresence, type ChannelSubscribers } from './subscriberPresence';

export interface CdcBroker {
  /** Mounts Bayeux at `/cometd/<version>` on `server`. Call it after the server has its request handler. */
  attach(server: http.Server): void;
  /** Emits the change on `/data/<Entity>ChangeEvent` and `/data/ChangeEvents`. */
  publish(change: RecordChange): void;
  /** Forgets the stored events (emulator reset). Subscribers stay connected. */
  reset(): void;
  /**
   * Forgets every connected client, as Salesforce does after a network interruption or a server
   * move: their next request gets `403::Unknown client` and they must shake hands again and
   * resubscribe (jsforce's Replay extension resubscribes from the last replayId it received).
   */
  dropClients(): void;
  /** Per channel: subscribers connected now, the most at once, and the latest changes (see SubscriberPresence). */
  subscribers(): ChannelSubscribers[];
  /** Starts the peaks again from the current counts. */
  resetSubscriberPeaks(): void;
  close(): Promise<void>;
}

export interface CdcBrokerOptions {
  clock: Clock;
  /** How long events stay replayable, by `clock` (Salesforce keeps change events 3 days). */
  retentionMs: number;
  /** Resolves a session token from the `Authorization` header; undefined when it is not valid. */
  authenticate(accessToken: string): { userId: string } | undefined;
  /** Whether the object has change events; when it says no, subscribing to its channel fails as for an unknown channel. Default: every well-formed name. */
  entityExists?: (entityName: string) => boolean;
}

/** Salesforce advises clients to hold `/meta/connect` for 110 seconds. */
const LONG_POLL_SECONDS = 110;

interface Subscription {
  selector: ChannelSelector;
  /** The last replayId handed to this subscription. */
  after: number;
}

function subscriptionChannels(message: BayeuxMessage): string[] {
  const { subscription } = message;
  if (subscription === undefined) return [];
  return Array.isArray(subscription) ? subscription : [subscription];
}

/** The replay option the client sent for `channel` (`ext.replay[channel]`); "new events only" when absent. */
function replayOption(message: BayeuxMessage, channel: string): unknown {
  const replay = message.ext?.['replay'];
  if (replay === undefined || replay === null) return REPLAY_NEW_EVENTS;
  if (typeof replay !== 'object' || Array.isArray(replay)) return replay;
  const option = (replay as Record<string, unknown>)[channel];
  return option === undefined ? REPLAY_NEW_EVENTS : option;
}

/**
 * A deep, JSON-only copy of the event: the log must not share objects the store may mutate later,
 * and a value that cannot be serialised has to fail here, in the caller's stack, rather than
 * later inside faye's delivery timer.
 */
function jsonSnapshot(data: ChangeEventData, change: RecordChange): ChangeEventData {
  try {
    return JSON.parse(JSON.stringify(data)) as ChangeEventData;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TypeError(
      `Cannot publish the ${change.changeType} change of ${change.entityName} ${change.recordIds.join(', ')}: its values are not JSON (${reason})`,
      { cause: error },
    );
  }
}

/** A channel only the broker publishes to, so an event can be queued for one client. */
function deliveryChannel(clientId: string): string {
  return `/cdc-delivery/${clientId}`;
}

export function createCdcBroker(options: CdcBrokerOptions): CdcBroker {
  const log = new ChangeEventLog(options.clock, options.retentionMs);
  const { adapter, engine } = createBayeuxServer({ mount: '/cometd', timeoutSeconds: LONG_POLL_SECONDS });
  const entityExists = options.entityExists ?? (() => true);

  const clientUsers = new Map<string, string>();
  const subscriptions = new Map<string, Map<string, Subscription>>();
  /** Starting cursors decided when a subscribe request came in, taken up when faye accepts it. */
  const pendingStarts = new Map<string, number>();
  const authenticatedUsers = new WeakMap<http.IncomingMessage, string>();
  const handshakeFailures = new WeakMap<http.IncomingMessage, string>();
  let commitNumber = 0;
  let lastTransactionKey: string | undefined;
  let attached = false;

  const presence = new SubscriberPresence();

  const pendingKey = (clientId: string, channel: string) => `${clientId} ${channel}`;

  function deliverPending(clientId: string, channel: string, subscription: Subscription): void {
    const events = log.eventsAfter(subscription.selector, subscription.after);
    for (const event of events) {
      engine.publish({ channel, data: event.data }, [deliveryChannel(clientId)]);
      subscription.after = event.replayId;
    }
  }

  function authenticate(request: http.IncomingMessage): { userId: string } | { failure: string } {
    const token = accessTokenOf(request);
    if (token === undefined) return { failure: streamingErrors.authenticationRequired };
    const user = options.authenticate(token);
    return user ? { userId: user.userId } : { failure: streamingErrors.authenticationInvalid };
  }

  function subscribeError(message: BayeuxMessage): string | undefined {
    const clientId = message.clientId;
    if (clientId === undefined) return undefined; // faye answers the missing parameter itself
    const starts: [string, number][] = [];
    for (const channel of subscriptionChannels(message)) {
      const selector = typeof channel === 'string' ? parseChannel(channel) : undefined;
      if (!selector || (selector.kind === 'entity' && !entityExists(selector.entityName))) {
        return streamingErrors.unknownChannel(channel);
      }
      const replay = replayOption(message, channel);
      const start = log.resolveStart(replay);
      if (!start.ok) return streamingErrors.invalidReplayId(typeof replay === 'object' ? JSON.stringify(replay) : replay);
      starts.push([channel, start.after]);
    }
    for (const [channel, after] of starts) pendingStarts.set(pendingKey(clientId, channel), after);
    return undefined;
  }

  function rejectionOf(message: BayeuxMessage, request: http.IncomingMessage): string | undefined {
    if (typeof message.channel !== 'string') return undefined; // faye answers a message without a channel itself
    if (!message.channel.startsWith('/meta/')) return streamingErrors.publishNotAllowed(message.channel);
    const versionError = apiVersionError(request.url);
    if (versionError) return versionError;

    const auth = authenticate(request);
    if ('failure' in auth) {
      if (message.channel !== '/meta/handshake') return auth.failure;
      handshakeFailures.set(request, auth.failure);
      return streamingErrors.handshakeDenied;
    }
    authenticatedUsers.set(request, auth.userId);

    // A client id belongs to the session that shook hands; another user's token cannot use it.
    const owner = message.clientId === undefined ? undefined : clientUsers.get(message.clientId);
    if (message.channel !== '/meta/handshake' && owner !== undefined && owner !== auth.userId) {
      return streamingErrors.unknownClient;
    }
    if (message.channel === '/meta/connect' && message.connectionType !== undefined && message.connectionType !== 'long-polling') {
      return streamingErrors.invalidConnectionType(message.connectionType);
    }
    if (message.channel === '/meta/subscribe') return subscribeError(message);
    return undefined;
  }

  function completeHandshake(reply: BayeuxMessage, request: http.IncomingMessage): void {
    if (reply.successful && reply.clientId !== undefined) {
      const userId = authenticatedUsers.get(request);
      if (userId !== undefined) clientUsers.set(reply.clientId, userId);
      // Salesforce serves long polling only, and announces the replay extension here; jsforce's
      // Replay extension switches itself on when it sees `ext.replay`.
      reply.supportedConnectionTypes = ['long-polling'];
      reply.ext = { ...reply.ext, replay: true, 'payload.format': true };
      return;
    }
    const failureReason = handshakeFailures.get(request);
    if (reply.error === streamingErrors.handshakeDenied && failureReason !== undefined) {
      reply.ext = { ...reply.ext, sfdc: { failureReason } };
      reply.advice = { reconnect: 'none' };
    }
  }

  function completeSubscribe(reply: BayeuxMessage): void {
    const clientId = reply.clientId;
    if (clientId === undefined) return;
    for (const channel of subscriptionChannels(reply)) {
      const key = pendingKey(clientId, channel);
      const after = pendingStarts.get(key);
      pendingStarts.delete(key);
      const selector = parseChannel(channel);
      if (!reply.successful || after === undefined || !selector) continue;
      let clientSubscriptions = subscriptions.get(clientId);
      if (!clientSubscriptions) {
        clientSubscriptions = new Map();
        subscriptions.set(clientId, clientSubscriptions);
        engine.subscribe(clientId, deliveryChannel(clientId));
      }
      const subscription: Subscription = { selector, after };
      clientSubscriptions.set(channel, subscription);
      presence.subscribed(clientId, channel);
      deliverPending(clientId, channel, subscription);
    }
  }

  /** Words errors as Salesforce does and tells the client whether to shake hands again or stop. */
  function adviseOnError(reply: BayeuxMessage): void {
    if (reply.error === undefined || reply.channel === '/meta/handshake') return;
    if (reply.error === streamingErrors.authenticationInvalid || reply.error === streamingErrors.authenticationRequired) {
      reply.advice = { reconnect: 'none', interval: 0 };
    } else if (reply.error === streamingErrors.unknownClient || isFayeUnknownClientError(reply.error)) {
      reply.error = streamingErrors.unknownClient;
      reply.advice = { reconnect: 'handshake', interval: 0 };
    }
  }

  const salesforceStreaming: ServerExtension = {
    incoming(message, request, callback) {
      if (request !== null) {
        const rejection = rejectionOf(message, request);
        if (rejection !== undefined) message.error = rejection;
        else if (message.clientId !== undefined && typeof message.channel === 'string') presence.seen(message.clientId, message.channel, request);
      }
      callback(message);
    },
    outgoing(reply, request, callback) {
      if (request !== null && typeof reply.channel === 'string') {
        if (reply.channel === '/meta/handshake') completeHandshake(reply, request);
        else if (reply.channel === '/meta/subscribe') completeSubscribe(reply);
        else if (reply.channel === '/meta/connect' && reply.clientId !== undefined) presence.answered(reply.clientId, request);
        adviseOnError(reply);
      }
      callback(reply);
    },
  };
  adapter.addExtension(salesforceStreaming);
  adapter.bind('unsubscribe', (clientId, channel) => {
    subscriptions.get(clientId)?.delete(channel);
    presence.unsubscribed(clientId, channel);
  });
  adapter.bind('disconnect', (clientId) => {
    subscriptions.delete(clientId);
    presence.forget(clientId);
    clientUsers.delete(clientId);
  });

  return {
    attach(server) {
      if (attached) throw new Error('The CDC broker is already attached to a server');
      attached = true;
      adapter.attach(server);
    },

    publish(change) {
      if (!isValidEntityName(change.entityName)) {
        throw new TypeError(`Cannot publish a change event for entity "${change.entityName}": not an sObject API name`);
      }
      if (change.transactionKey !== lastTransactionKey) {
        commitNumber += 1;
        lastTransactionKey = change.transactionKey;
      }
      const committed = commitNumber;
      log.append(change.entityName, (replayId) => jsonSnapshot(changeEventData(change, replayId, committed), change));
      for (const [clientId, clientSubscriptions] of subscriptions) {
        for (const [channel, subscription] of clientSubscriptions) {
          if (channelCarries(subscription.selector, change.entityName)) deliverPending(clientId, channel, subscription);
        }
      }
    },

    reset() {
      log.clear();
    },

    dropClients() {
      for (const clientId of [...clientUsers.keys()]) engine.destroyClient(clientId);
    },

    subscribers() {
      return presence.report();
    },

    resetSubscriberPeaks() {
      presence.resetPeaks();
    },

    close() {
      subscriptions.clear();
      clientUsers.clear();
      pendingStarts.clear();
      adapter.close();
      return Promise.resolve();
    },
  };
}
