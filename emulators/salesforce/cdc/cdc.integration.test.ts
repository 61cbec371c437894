/**
 * The broker driven by jsforce's real streaming client (faye long polling with jsforce's Replay
 * and AuthFailure extensions), plus raw Bayeux requests for the exact reply shapes.
 */
import type http from 'node:http';
import { Connection } from '@jsforce/jsforce-node';
import { StreamingExtension } from '@jsforce/jsforce-node/lib/api/streaming.js';
import { afterEach, describe, expect, it } from 'vitest';
import { Clock } from '../../shared/clock';
import { listen } from '../../../lib/listen';
import type { RecordChange } from '../model';
import { supportedApiVersions } from '../rest/versions';
import { createCdcBroker, type CdcBroker, type ChangeEventData } from './index';

const DAY = 24 * 3_600_000;
const USER_ID = '005000000000001AAA';
const OTHER_USER_ID = '005000000000002AAA';
const API_VERSION = '59.0';
const CASE_CHANNEL = '/data/CaseChangeEvent';
const ALL_CHANNEL = '/data/ChangeEvents';

/** The parts of jsforce's faye client these tests use (faye ships no types). */
interface StreamingClient {
  subscribe(channel: string, listener: (message: ChangeEventData) => void): PromiseLike<void> & { cancel(): void };
  /** A thenable that settles with the server's reply; undefined when the client never connected. */
  disconnect(): PromiseLike<unknown> | undefined;
}

interface BayeuxReply {
  channel: string;
  successful?: boolean;
  clientId?: string;
  error?: string;
  advice?: { reconnect?: string };
  ext?: Record<string, unknown>;
  supportedConnectionTypes?: string[];
  subscription?: string;
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startBroker(retentionMs = 3 * DAY) {
  const clock = new Clock();
  const validTokens = new Map([
    ['good', USER_ID],
    ['other-user', OTHER_USER_ID],
  ]);
  const broker = createCdcBroker({
    clock,
    retentionMs,
    authenticate: (token) => {
      const userId = validTokens.get(token);
      return userId === undefined ? undefined : { userId };
    },
    entityExists: (name) => ['Case', 'Account', 'Contact', 'Ticket__c'].includes(name),
  });
  const server = await listen((_request, response) => {
    response.statusCode = 404;
    response.end('not the broker');
  });
  broker.attach(server.server);
  // Requests the broker is holding open: a streaming client between events holds one long poll.
  let openRequests = 0;
  server.server.on('request', (_request: http.IncomingMessage, response: http.ServerResponse) => {
    openRequests += 1;
    response.on('close', () => (openRequests -= 1));
  });
  cleanups.push(
    () => server.close(),
    () => broker.close(),
  );
  return { clock, broker, url: server.url, validTokens, openRequests: () => openRequests };
}

let sequence = 0;
function caseChange(overrides: Partial<RecordChange> = {}): RecordChange {
  sequence += 1;
  return {
    entityName: 'Case',
    changeType: 'UPDATE',
    recordIds: ['500000000000001AAA'],
    changedFields: ['Subject', 'LastModifiedDate'],
    nulledFields: [],
    values: { Subject: `Update ${sequence}`, LastModifiedDate: '2024-05-01T12:00:00.000+0000' },
    commitUser: USER_ID,
    commitTimestamp: 1_714_564_800_000 + sequence,
    transactionKey: `tx-${sequence}`,
    sequenceNumber: 1,
    ...overrides,
  };
}

function streamingClient(url: string, extensions: object[], token = 'good'): StreamingClient {
  const conn = new Connection({ instanceUrl: url, accessToken: token, version: API_VERSION });
  const client = conn.streaming.createClient(extensions as never[]) as unknown as StreamingClient;
  // A refused disconnect (revoked session) is an expected outcome, not a test failure.
  cleanups.push(() => Promise.resolve(client.disconnect()).catch(() => undefined));
  return client;
}

/** Subscribes with jsforce's Replay extension and waits until the broker has acknowledged. */
async function subscribe(url: string, channel: string, replayId: number) {
  const received: ChangeEventData[] = [];
  const client = streamingClient(url, [new StreamingExtension.Replay(channel, replayId)]);
  await client.subscribe(channel, (message) => received.push(message));
  return { client, received };
}

async function until(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const DRAIN_MARKER = 'drain-marker';

/**
 * Shows that nothing more is on its way to the subscribers: publishes a marker change of
 * `entityName` and waits until each of them has it. The broker hands a subscription its events in
 * replayId order, so whatever was still due arrives before the marker. The marker is then taken out.
 */
async function drain(broker: CdcBroker, subscribers: ChangeEventData[][], entityName = 'Case'): Promise<void> {
  broker.publish({
    entityName,
    changeType: 'UPDATE',
    recordIds: ['500000000000009AAA'],
    changedFields: [],
    nulledFields: [],
    values: {},
    commitUser: USER_ID,
    commitTimestamp: 1_714_564_800_000,
    transactionKey: DRAIN_MARKER,
    sequenceNumber: 1,
  });
  const markerIndex = (received: ChangeEventData[]) => received.findIndex((message) => message.payload.ChangeEventHeader.transactionKey === DRAIN_MARKER);
  await until(() => subscribers.every((received) => markerIndex(received) !== -1), 'the drain marker');
  for (const received of subscribers) received.splice(markerIndex(received), 1);
}

const replayIds = (messages: ChangeEventData[]) => messages.map((message) => message.event.replayId);

async function bayeux(url: string, messages: object[], options: { token?: string | null; path?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const token = options.token === undefined ? 'good' : options.token;
  if (token !== null) headers['authorization'] = `OAuth ${token}`;
  const response = await fetch(`${url}${options.path ?? `/cometd/${API_VERSION}`}`, {
    method: 'POST',
    headers,
    body: JSON.stringify(messages),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as BayeuxReply[];
}

async function handshake(url: string): Promise<string> {
  const [reply] = await bayeux(url, [{ channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['long-polling'] }]);
  expect(reply?.successful).toBe(true);
  return reply!.clientId!;
}

describe('CDC broker with the jsforce streaming client', () => {
  it('delivers CREATE and UPDATE events shaped as Salesforce sends them', async () => {
    const { broker, url } = await startBroker();
    const { received } = await subscribe(url, CASE_CHANNEL, -1);

    broker.publish(
      caseChange({
        changeType: 'CREATE',
        changedFields: ['Subject', 'Status', 'Priority'],
        values: {
          Id: '500000000000001AAA',
          Subject: 'Printer on fire',
          Status: 'New',
          Priority: 'High',
          Description: null,
          CreatedDate: '2024-05-01T12:00:00.000+0000',
        },
        transactionKey: 'tx-create',
      }),
    );
    broker.publish(
      caseChange({
        changeType: 'UPDATE',
        changedFields: ['Status', 'LastModifiedDate'],
        nulledFields: ['Priority'],
        values: { Status: 'Working', Priority: null, LastModifiedDate: '2024-05-01T12:05:00.000+0000' },
        transactionKey: 'tx-update',
      }),
    );
    await until(() => received.length === 2, 'two events');

    const [created, updated] = received;
    expect(created!.schema).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(created!.payload.ChangeEventHeader).toMatchObject({
      entityName: 'Case',
      changeType: 'CREATE',
      recordIds: ['500000000000001AAA'],
      commitUser: USER_ID,
      transactionKey: 'tx-create',
      sequenceNumber: 1,
      changedFields: [],
      nulledFields: [],
      diffFields: [],
    });
    expect(typeof created!.payload.ChangeEventHeader.commitTimestamp).toBe('number');
    const { ChangeEventHeader: _created, ...createdBody } = created!.payload;
    expect(createdBody).toEqual({ Subject: 'Printer on fire', Status: 'New', Priority: 'High', CreatedDate: '2024-05-01T12:00:00Z' });

    expect(updated!.payload.ChangeEventHeader).toMatchObject({
      changeType: 'UPDATE',
      changedFields: ['Status', 'LastModifiedDate', 'Priority'],
      nulledFields: ['Priority'],
    });
    const { ChangeEventHeader: _updated, ...updatedBody } = updated!.payload;
    expect(updatedBody).toEqual({ Status: 'Working', Priority: null, LastModifiedDate: '2024-05-01T12:05:00Z' });
    expect(updated!.payload.ChangeEventHeader.commitNumber).toBeGreaterThan(created!.payload.ChangeEventHeader.commitNumber);
    expect(updated!.event.replayId).toBeGreaterThan(created!.event.replayId);
  });

  it('resumes from a stored replayId after a disconnect with exactly the later events', async () => {
    const { broker, url } = await startBroker();
    const first = await subscribe(url, CASE_CHANNEL, -1);
    for (let index = 0; index < 3; index += 1) broker.publish(caseChange());
    await until(() => first.received.length === 3, 'three live events');
    const stored = first.received.at(-1)!.event.replayId;
    first.client.disconnect();

    for (let index = 0; index < 4; index += 1) broker.publish(caseChange());
    const resumed = await subscribe(url, CASE_CHANNEL, stored);
    await until(() => resumed.received.length === 4, 'four replayed events');
    broker.publish(caseChange());
    await until(() => resumed.received.length === 5, 'the live event after the replay');
    await drain(broker, [resumed.received]);

    const ids = replayIds(resumed.received);
    expect(ids).toHaveLength(5);
    expect(ids[0]).toBeGreaterThan(stored);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(new Set(ids).size).toBe(5);
    expect(resumed.received.map((message) => message.payload['Subject'])).toEqual(
      Array.from({ length: 5 }, (_unused, index) => `Update ${sequence - 4 + index}`),
    );
  });

  it('lets a dropped client shake hands again and resume from its last replayId, missing nothing', async () => {
    const { broker, url } = await startBroker();
    const { received } = await subscribe(url, CASE_CHANNEL, -1);
    broker.publish(caseChange());
    broker.publish(caseChange());
    await until(() => received.length === 2, 'two live events');

    broker.dropClients();
    // Published while the client is unknown to the server: only replay can bring these back.
    broker.publish(caseChange());
    broker.publish(caseChange());
    await until(() => received.length === 4, 'the events published while the client was dropped');
    broker.publish(caseChange());
    await until(() => received.length === 5, 'a live event after resubscribing');
    await drain(broker, [received]);
    expect(replayIds(received)).toEqual([1, 2, 3, 4, 5]);
  });

  it('keeps order and loses nothing when events are published while a replay is being set up', async () => {
    const { broker, url } = await startBroker();
    let published = 0;
    const publish = () => {
      broker.publish(caseChange());
      published += 1;
    };
    for (let index = 0; index < 50; index += 1) publish();
    const stopPublishing = new AbortController();
    const publishLoop = (async () => {
      while (!stopPublishing.signal.aborted) {
        publish();
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const subscriber = await subscribe(url, CASE_CHANNEL, 10);
    // Keep publishing until live events reach the subscriber too: replay and live delivery then overlapped.
    const publishedWhenSubscribed = published;
    await until(() => subscriber.received.length > publishedWhenSubscribed - 10, 'an event published after the subscription');
    stopPublishing.abort();
    await publishLoop;

    await until(() => subscriber.received.length === published - 10, 'every event after replayId 10');
    await drain(broker, [subscriber.received]);
    expect(replayIds(subscriber.received)).toEqual(Array.from({ length: published - 10 }, (_unused, index) => 11 + index));
  });

  it('replays every retained event with -2, and the ones past the retention window are gone', async () => {
    const { broker, clock, url } = await startBroker(DAY);
    broker.publish(caseChange({ transactionKey: 'old' }));
    clock.advance(DAY + 1);
    broker.publish(caseChange({ transactionKey: 'recent-1' }));
    broker.publish(caseChange({ transactionKey: 'recent-2' }));

    const { received } = await subscribe(url, CASE_CHANNEL, -2);
    await until(() => received.length === 2, 'the two retained events');
    await drain(broker, [received]);
    expect(received.map((message) => message.payload.ChangeEventHeader.transactionKey)).toEqual(['recent-1', 'recent-2']);
    expect(replayIds(received)).toEqual([2, 3]);
  });

  it("answers a replayId that aged out of the window with Salesforce's invalid replayId error", async () => {
    const { broker, clock, url } = await startBroker(DAY);
    broker.publish(caseChange());
    clock.advance(DAY);
    broker.publish(caseChange());

    const client = streamingClient(url, [new StreamingExtension.Replay(CASE_CHANNEL, 1)]);
    const failure = await new Promise<{ message: string }>((resolve, reject) => {
      client
        .subscribe(CASE_CHANNEL, () => reject(new Error('no event should arrive')))
        .then(() => reject(new Error('the subscription should be refused')), resolve);
    });
    expect(failure.message).toContain(
      'The replayId {1} you provided was invalid.  Please provide a valid ID, -2 to replay all events, or -1 to replay only new events.',
    );
  });

  it('delivers every object on /data/ChangeEvents and only Cases on /data/CaseChangeEvent', async () => {
    const { broker, url } = await startBroker();
    const everything = await subscribe(url, ALL_CHANNEL, -1);
    const cases = await subscribe(url, CASE_CHANNEL, -1);

    broker.publish(caseChange({ transactionKey: 'case' }));
    broker.publish(caseChange({ entityName: 'Account', recordIds: ['001000000000001AAA'], transactionKey: 'account' }));
    broker.publish(caseChange({ entityName: 'Contact', recordIds: ['003000000000001AAA'], transactionKey: 'contact' }));
    await until(() => everything.received.length === 3, 'three events on /data/ChangeEvents');
    await drain(broker, [everything.received, cases.received]);

    expect(everything.received.map((message) => message.payload.ChangeEventHeader.entityName)).toEqual(['Case', 'Account', 'Contact']);
    expect(cases.received.map((message) => message.payload.ChangeEventHeader.entityName)).toEqual(['Case']);
    // One event, one replayId, whichever channel carries it.
    expect(cases.received[0]!.event.replayId).toBe(everything.received[0]!.event.replayId);
  });

  it('rejects a handshake with an invalid session the way Salesforce does', async () => {
    const { url } = await startBroker();
    const failure = await new Promise<BayeuxReply>((resolve) => {
      const client = streamingClient(url, [new StreamingExtension.AuthFailure(resolve)], 'revoked-token');
      client.subscribe(CASE_CHANNEL, () => undefined);
    });
    expect(failure).toMatchObject({
      channel: '/meta/handshake',
      successful: false,
      error: '403::Handshake denied',
      advice: { reconnect: 'none' },
      ext: { sfdc: { failureReason: '401::Authentication invalid' } },
    });
  });

  it('stops a subscriber whose session is revoked with 401::Authentication invalid on /meta/connect', async () => {
    const { broker, url, validTokens, openRequests } = await startBroker();
    let failure: BayeuxReply | undefined;
    const received: ChangeEventData[] = [];
    const client = streamingClient(url, [new StreamingExtension.AuthFailure((message: BayeuxReply) => (failure = message))]);
    await client.subscribe(CASE_CHANNEL, (message) => received.push(message));
    broker.publish(caseChange());
    await until(() => received.length === 1, 'the first event');
    await until(() => openRequests() === 1, 'the client to hold its next long poll open');

    validTokens.delete('good');
    // The event ends the long poll held open; the client's next /meta/connect carries the revoked token.
    broker.publish(caseChange());
    await until(() => failure !== undefined, 'the auth failure');
    expect(failure).toMatchObject({ channel: '/meta/connect', successful: false, error: '401::Authentication invalid', advice: { reconnect: 'none' } });
    const receivedBeforeFailure = received.length;
    // A subscriber with a valid session shows when the next event has been delivered.
    const witness = streamingClient(url, [], 'other-user');
    const delivered: ChangeEventData[] = [];
    await witness.subscribe(CASE_CHANNEL, (message) => delivered.push(message));
    await drain(broker, [delivered]);
    expect(received).toHaveLength(receivedBeforeFailure);
  });
});

describe('CDC broker on the wire', () => {
  it('announces the replay extension and long polling only in the handshake reply', async () => {
    const { url } = await startBroker();
    const [reply] = await bayeux(url, [{ channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['websocket', 'long-polling'] }]);
    expect(reply).toMatchObject({
      channel: '/meta/handshake',
      successful: true,
      supportedConnectionTypes: ['long-polling'],
      ext: { replay: true, 'payload.format': true },
      advice: { reconnect: 'retry', interval: 0, timeout: 110_000 },
    });
    expect(reply!.clientId).toMatch(/^[a-z0-9]+$/);
  });

  it('denies a handshake without an Authorization header, naming the missing authentication', async () => {
    const { url } = await startBroker();
    const [reply] = await bayeux(url, [{ channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['long-polling'] }], { token: null });
    expect(reply).toMatchObject({
      successful: false,
      error: '403::Handshake denied',
      advice: { reconnect: 'none' },
      ext: { sfdc: { failureReason: '401::Request requires authentication' } },
    });
    expect(reply!.clientId).toBeUndefined();
  });

  it('requires a supported API version in the URI', async () => {
    const { url } = await startBroker();
    const handshakeMessage = [{ channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['long-polling'] }];
    const latest = supportedApiVersions().at(-1)!;
    const [missing] = await bayeux(url, handshakeMessage, { path: '/cometd' });
    expect(missing!.error).toBe(`400::API version in the URI is mandatory. URI format: '/cometd/${latest}'`);
    const beyondLatest = `${Number.parseInt(latest, 10) + 1}.0`;
    for (const path of ['/cometd/36.0', `/cometd/${beyondLatest}`, '/cometd/latest', '/cometd/59.0/extra']) {
      const [unsupported] = await bayeux(url, handshakeMessage, { path });
      expect(unsupported!.error).toBe(`400::Unsupported API version. Only API versions '37.0' and later are supported. URI format: '/cometd/${latest}'`);
    }
    for (const path of ['/cometd/37.0', `/cometd/${latest}`]) {
      const [accepted] = await bayeux(url, handshakeMessage, { path });
      expect(accepted!.successful).toBe(true);
    }
  });

  it('refuses channels that carry no change events', async () => {
    const { url } = await startBroker();
    const clientId = await handshake(url);
    for (const channel of ['/topic/CaseUpdates', '/data/OpportunityChangeEvent', '/data/Case', '/event/Alert__e']) {
      const [reply] = await bayeux(url, [{ channel: '/meta/subscribe', clientId, subscription: channel }]);
      expect(reply).toMatchObject({ successful: false, error: `400::The channel you requested to subscribe to does not exist {${channel}}` });
    }
  });

  it('refuses replay options that are not -1, -2 or a retained replayId', async () => {
    const { broker, url } = await startBroker();
    broker.publish(caseChange());
    const clientId = await handshake(url);
    for (const [replay, shown] of [
      ['1', '1'],
      [2, '2'],
      [-3, '-3'],
      [0, '0'],
    ] as const) {
      const [reply] = await bayeux(url, [{ channel: '/meta/subscribe', clientId, subscription: CASE_CHANNEL, ext: { replay: { [CASE_CHANNEL]: replay } } }]);
      expect(reply!.successful).toBe(false);
      expect(reply!.error).toBe(
        `400::The replayId {${shown}} you provided was invalid.  Please provide a valid ID, -2 to replay all events, or -1 to replay only new events.`,
      );
    }
    const [accepted] = await bayeux(url, [{ channel: '/meta/subscribe', clientId, subscription: CASE_CHANNEL, ext: { replay: { [CASE_CHANNEL]: 1 } } }]);
    expect(accepted).toMatchObject({ successful: true, subscription: CASE_CHANNEL });
  });

  it('treats a client id as unknown for another user, and for one it never issued', async () => {
    const { url } = await startBroker();
    const clientId = await handshake(url);
    const [stolen] = await bayeux(url, [{ channel: '/meta/subscribe', clientId, subscription: CASE_CHANNEL }], { token: 'other-user' });
    expect(stolen).toMatchObject({ successful: false, error: '403::Unknown client', advice: { reconnect: 'handshake' } });
    const [unknown] = await bayeux(url, [{ channel: '/meta/connect', clientId: 'neverissued', connectionType: 'long-polling' }]);
    expect(unknown).toMatchObject({ successful: false, error: '403::Unknown client', advice: { reconnect: 'handshake' } });
  });

  it('rejects a session that is missing or invalid on later requests', async () => {
    const { url } = await startBroker();
    const clientId = await handshake(url);
    const [missing] = await bayeux(url, [{ channel: '/meta/subscribe', clientId, subscription: CASE_CHANNEL }], { token: null });
    expect(missing).toMatchObject({ successful: false, error: '401::Request requires authentication', advice: { reconnect: 'none' } });
    const [invalid] = await bayeux(url, [{ channel: '/meta/connect', clientId, connectionType: 'long-polling' }], { token: 'expired' });
    expect(invalid).toMatchObject({ successful: false, error: '401::Authentication invalid', advice: { reconnect: 'none' } });
  });

  it('serves long polling only and lets no client publish change events', async () => {
    const { url } = await startBroker();
    const clientId = await handshake(url);
    const [websocket] = await bayeux(url, [{ channel: '/meta/connect', clientId, connectionType: 'websocket' }]);
    expect(websocket).toMatchObject({ successful: false, error: '400::Invalid connection type websocket' });
    const [published] = await bayeux(url, [{ channel: CASE_CHANNEL, clientId, data: { payload: {} } }]);
    expect(published).toMatchObject({ successful: false, error: `403:${CASE_CHANNEL}:Publishing to this channel is not allowed` });
  });

  it('answers malformed requests with 400 and keeps serving', async () => {
    const { url } = await startBroker();
    for (const body of ['not json', '42', '']) {
      const response = await fetch(`${url}/cometd/${API_VERSION}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'OAuth good' },
        body,
      });
      expect(response.status).toBe(400);
      await response.text();
    }
    const [withoutChannel] = await bayeux(url, [{ id: '1', data: {} }]);
    expect(withoutChannel!.successful).toBe(false);
    await handshake(url);
    const other = await fetch(`${url}/services/data`);
    expect(await other.text()).toBe('not the broker');
  });

  it('names custom object channels without __c and delivers their events', async () => {
    const { broker, url } = await startBroker();
    const { received } = await subscribe(url, '/data/Ticket__ChangeEvent', -1);
    broker.publish(caseChange({ entityName: 'Ticket__c', recordIds: ['a00000000000001AAA'] }));
    broker.publish(caseChange());
    await until(() => received.length === 1, 'the custom object event');
    await drain(broker, [received], 'Ticket__c');
    expect(received.map((message) => message.payload.ChangeEventHeader.entityName)).toEqual(['Ticket__c']);
  });

  it('forgets stored events on reset, keeping replayIds from before it invalid', async () => {
    const { broker, url } = await startBroker();
    broker.publish(caseChange());
    broker.publish(caseChange());
    broker.reset();
    broker.publish(caseChange({ transactionKey: 'after-reset' }));
    const { received } = await subscribe(url, CASE_CHANNEL, -2);
    await until(() => received.length === 1, 'the event after the reset');
    await drain(broker, [received]);
    expect(received[0]!.payload.ChangeEventHeader.transactionKey).toBe('after-reset');
    expect(received[0]!.event.replayId).toBe(3);

    const clientId = await handshake(url);
    const [reply] = await bayeux(url, [{ channel: '/meta/subscribe', clientId, subscription: CASE_CHANNEL, ext: { replay: { [CASE_CHANNEL]: 2 } } }]);
    expect(reply!.error).toMatch(/^400::The replayId \{2\} you provided was invalid/);
  });

  it('refuses to publish a change for a malformed entity name', async () => {
    const { broker } = await startBroker();
    expect(() => broker.publish(caseChange({ entityName: 'Case/../x' }))).toThrow(/not an sObject API name/);
  });

  it('refuses values that are not JSON without using up a replayId, and keeps its own copy of the rest', async () => {
    const { broker, url } = await startBroker();
    expect(() => broker.publish(caseChange({ changedFields: ['Amount__c'], values: { Amount__c: 10n } }))).toThrow(/values are not JSON/);
    const values = { Subject: 'Original', Tags__c: ['a'] };
    broker.publish(caseChange({ changedFields: ['Subject', 'Tags__c'], values }));
    values.Subject = 'Mutated by the store afterwards';
    values.Tags__c.push('b');
    const { received } = await subscribe(url, CASE_CHANNEL, -2);
    await until(() => received.length === 1, 'the stored event');
    expect(received[0]!.event.replayId).toBe(1);
    expect(received[0]!.payload['Subject']).toBe('Original');
    expect(received[0]!.payload['Tags__c']).toEqual(['a']);
  });
});
