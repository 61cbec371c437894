/**
 * Stopping the CDC intake while Salesforce is unreachable: faye's disconnect waits for a reply
 * that never comes, so stopping must give up on it after a bounded time instead of hanging app
 * shutdown. The app reaches the emulator through a TCP proxy that can turn silent (accepts and
 * reads, never answers) or refuse connections, as a hung or killed Salesforce host would.
 */
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SalesforceEmulator } from '../../../emulators/salesforce';
import type { TestDatabase } from '../../testing/databases';
import { CdcSubscriber } from './cdcSubscriber';
import { SalesforceIntake } from './intake';
import { intakeDepsFor, quietLogger, useEmulatorAndDatabase } from '../../testing/intakeSuite';
import { eventually, settlesWithin } from '../../testing/eventually';

/**
 * Ten times the subscriber's 3 s disconnect limit (a loaded machine is slow, not wrong), far below
 * faye's own 132 s request timeout, which is what a stop that hangs would wait for: the bound only
 * catches the hang.
 */
const STOP_BOUND_MS = 30_000;
/** faye resends an unanswered message after 5 s (its default retry interval). */
const FAYE_RETRY_MS = 5_000;

type ProxyMode = 'forward' | 'silent' | 'refuse';

interface SwitchableProxy {
  url: string;
  /** Connections turned away in `refuse` mode so far. */
  readonly refused: number;
  setMode(mode: ProxyMode): void;
  close(): Promise<void>;
}

/**
 * A TCP proxy to `target`. `silent` keeps every connection (new and open ones) but drops what
 * either side sends, so requests stay pending; `refuse` destroys open connections and closes new
 * ones at once (the port stays bound, so nothing else can take it); `forward` heals it, dropping
 * the connections that lost data while silent so their requests fail and get resent.
 */
async function startProxy(target: URL): Promise<SwitchableProxy> {
  let mode: ProxyMode = 'forward';
  let refused = 0;
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();
  const server = net.createServer((client) => {
    if (mode === 'refuse') {
      refused += 1;
      client.destroy();
      return;
    }
    const upstream = net.connect(Number(target.port), target.hostname);
    const pair = { client, upstream };
    pairs.add(pair);
    client.on('data', (chunk) => {
      if (mode === 'forward') upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (mode === 'forward') client.write(chunk);
    });
    const drop = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    // A silent host does not hang up either: only the app's side may end a silenced connection.
    upstream.on('close', () => {
      if (mode !== 'silent') drop();
    });
    upstream.on('error', () => undefined);
    client.on('close', drop);
    client.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const destroyAll = () => {
    for (const { client, upstream } of pairs) {
      client.destroy();
      upstream.destroy();
    }
    pairs.clear();
  };
  return {
    url: `http://127.0.0.1:${port}`,
    get refused() {
      return refused;
    },
    setMode(next) {
      const previous = mode;
      mode = next;
      if (next === 'refuse' || previous === 'silent') destroyAll();
    },
    async close() {
      mode = 'refuse';
      destroyAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Resolves once `stop` has, failing if it hangs past STOP_BOUND_MS; a hung stop is kept for afterEach. */
async function stopsInBoundedTime(stop: () => Promise<void>, what: string): Promise<void> {
  const stopping = stop();
  pendingStops.push(stopping);
  await settlesWithin(stopping, STOP_BOUND_MS, what);
}

let emulator: SalesforceEmulator;
let database: TestDatabase;
let proxy: SwitchableProxy;
/** Stops still running when a test ends (e.g. one that hung): settled after the proxy heals. */
const pendingStops: Promise<void>[] = [];

useEmulatorAndDatabase((suite) => ({ emulator, database } = suite));
beforeEach(async () => {
  proxy = await startProxy(new URL(emulator.url));
});
afterEach(async () => {
  // A disconnect that hung (the failure this suite catches) gets its answer once faye resends it
  // through the healed proxy (every 5 s); bounded, so a failing test cannot stall the suite.
  proxy.setMode('forward');
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.allSettled(pendingStops.splice(0)), new Promise((resolve) => (timer = setTimeout(resolve, 15_000)))]);
  clearTimeout(timer);
  await proxy.close();
}, 30_000);

/** An engine whose Salesforce connection (login and instance URL alike) goes through the proxy. */
function engineThroughProxy() {
  return intakeDepsFor(database.db, { ...emulator, url: proxy.url });
}

describe('stopping the CDC intake when Salesforce is unreachable', () => {
  for (const mode of ['silent', 'refuse'] as const) {
    it(`the subscriber stops without waiting for a host that turns ${mode === 'silent' ? 'silent' : 'away connections'}`, async () => {
      const subscriber = new CdcSubscriber({ db: database.db, ...(await engineThroughProxy()), logger: quietLogger, onReplayGap: () => Promise.resolve() });
      await subscriber.start();
      expect(subscriber.subscribed).toBe(true);

      proxy.setMode(mode);
      await stopsInBoundedTime(() => subscriber.stop(), 'CdcSubscriber.stop()');
      expect(subscriber.subscribed).toBe(false);

      if (mode === 'refuse') {
        // The abandoned client does not go on resending its disconnect to the unreachable host.
        // What is checked is that nothing happens in an interval: a fixed wait is the subject here.
        const refusedAtStop = proxy.refused;
        await new Promise((resolve) => setTimeout(resolve, FAYE_RETRY_MS + 1_000));
        expect(proxy.refused - refusedAtStop).toBe(0);
      }
    }, 90_000);
  }

  it('SalesforceIntake.stop() (as app.close() calls it) finishes without waiting for a host that turns silent', async () => {
    const intake = new SalesforceIntake({ db: database.db, ...(await engineThroughProxy()), logger: quietLogger, leaseTtlMs: 2_000, leaseRenewMs: 200 });
    intake.start();
    await eventually(() => intake.cdc?.subscribed === true, 'the CDC subscription');

    proxy.setMode('silent');
    await stopsInBoundedTime(() => intake.stop(), 'SalesforceIntake.stop()');
    expect(intake.cdc).toBeUndefined();
  }, 90_000);
});
