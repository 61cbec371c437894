/**
 * The control API's streaming subscriber count: clients subscribed and connected per channel, the
 * peak, and a client whose held long poll loses its connection (a killed process) no longer counts.
 * Raw Bayeux over fetch, so the test controls each HTTP request (and can cut one off).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSalesforceEmulator, type SalesforceEmulator } from '..';
import type { ChannelSubscribers } from './subscriberPresence';

const CHANNEL = '/data/CaseChangeEvent';
let emulator: SalesforceEmulator;
let token: string;

beforeAll(async () => {
  emulator = await startSalesforceEmulator({ seed: 'demo' });
  const integration = emulator.seedInfo().users.find((user) => user.role === 'integration')!;
  const issued = await fetch(`${emulator.url}/__emulator/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: integration.username }),
  });
  token = ((await issued.json()) as { accessToken: string }).accessToken;
});
afterAll(() => emulator.close());

async function bayeux(messages: object[], signal?: AbortSignal): Promise<{ clientId?: string; successful?: boolean; channel: string }[]> {
  const response = await fetch(`${emulator.url}/cometd/60.0`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `OAuth ${token}` },
    body: JSON.stringify(messages),
    ...(signal ? { signal } : {}),
  });
  return (await response.json()) as { clientId?: string; successful?: boolean; channel: string }[];
}

/** Shakes hands, subscribes, and leaves a long poll held at the server (cut off by `abort`). */
async function connectedSubscriber(): Promise<{ clientId: string; abort: () => void; held: Promise<unknown> }> {
  const [handshake] = await bayeux([{ channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['long-polling'] }]);
  const clientId = handshake!.clientId!;
  const [subscribed] = await bayeux([{ channel: '/meta/subscribe', clientId, subscription: CHANNEL }]);
  expect(subscribed!.successful).toBe(true);
  // A connect asking for no wait is answered at once (as clients' first is); the next is held (the long poll).
  await bayeux([{ channel: '/meta/connect', clientId, connectionType: 'long-polling', advice: { timeout: 0 } }]);
  const controller = new AbortController();
  const held = bayeux([{ channel: '/meta/connect', clientId, connectionType: 'long-polling' }], controller.signal).catch(() => undefined);
  return { clientId, abort: () => controller.abort(), held };
}

async function caseChannel(): Promise<ChannelSubscribers> {
  const { channels } = (await (await fetch(`${emulator.url}/__emulator/streaming/subscribers`)).json()) as { channels: ChannelSubscribers[] };
  return channels.find((channel) => channel.channel === CHANNEL)!;
}

async function until<T>(check: () => Promise<T | false>, what: string): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await check();
    if (value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('streaming subscribers in the control API', () => {
  it('counts connected subscribers, keeps the peak, and stops counting one whose connection dies', async () => {
    const first = await connectedSubscriber();
    const second = await connectedSubscriber();
    expect(await caseChannel()).toMatchObject({ current: 2, peak: 2 });

    // The held long poll's connection closes unanswered, as when the subscriber's process is killed.
    second.abort();
    await until(async () => (await caseChannel()).current === 1 || false, 'the cut-off subscriber to stop counting');

    const reset = (await (await fetch(`${emulator.url}/__emulator/streaming/subscribers/reset-peaks`, { method: 'POST' })).json()) as {
      channels: ChannelSubscribers[];
    };
    expect(reset.channels.find((channel) => channel.channel === CHANNEL)).toMatchObject({ current: 1, peak: 1 });

    // A Bayeux disconnect removes the other one.
    first.abort();
    await first.held;
    await bayeux([{ channel: '/meta/disconnect', clientId: first.clientId }]);
    expect(await caseChannel()).toMatchObject({ current: 0, peak: 1 });
  });
});
