/**
 * Change Data Capture end to end: REST and console writes on the emulator reach a jsforce
 * streaming subscriber on `/data/CaseChangeEvent`, and a new subscriber resumes from a replayId.
 */
import type { Connection } from '@jsforce/jsforce-node';
import { StreamingExtension } from '@jsforce/jsforce-node/lib/api/streaming.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeEventData } from './cdc';
import type { SalesforceEmulator } from './index';
import { soapConnection, startForTest } from './integrationSupport';

interface StreamingClient {
  subscribe(channel: string, listener: (message: ChangeEventData) => void): PromiseLike<void>;
  disconnect(): PromiseLike<unknown> | undefined;
}

const CHANNEL = '/data/CaseChangeEvent';
let emulator: SalesforceEmulator;
const clients: StreamingClient[] = [];

beforeAll(async () => {
  emulator = await startForTest();
});
afterEach(async () => {
  for (const client of clients.splice(0)) await Promise.resolve(client.disconnect()).catch(() => undefined);
});
afterAll(async () => {
  await emulator.close();
});

async function subscribe(conn: Connection, replayId: number) {
  const received: ChangeEventData[] = [];
  const client = conn.streaming.createClient([new StreamingExtension.Replay(CHANNEL, replayId)] as never[]) as unknown as StreamingClient;
  clients.push(client);
  await client.subscribe(CHANNEL, (message) => received.push(message));
  return received;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('CDC through jsforce streaming', () => {
  it('delivers CREATE and UPDATE events with changedFields and commitUser, and replays from a replayId', async () => {
    emulator.reset('demo');
    const conn = await soapConnection(emulator);
    const received = await subscribe(conn, -1);

    const created = await conn.sobject('Case').create({ Subject: 'Streaming test', Origin: 'Web' });
    await conn.sobject('Case').update({ Id: created.id!, Status: 'Working', Description: null } as never);
    const agent = emulator.seedInfo().users.find((user) => user.key === 'agent1')!;
    const consoleEdit = await fetch(`${emulator.url}/__emulator/console/cases/${created.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: agent.id, fields: { Priority: 'High' } }),
    });
    expect(consoleEdit.status).toBe(200);
    await until(() => received.length === 3, 'three change events');

    const [create, update, agentUpdate] = received as [ChangeEventData, ChangeEventData, ChangeEventData];
    expect(create.payload.ChangeEventHeader).toMatchObject({
      entityName: 'Case',
      changeType: 'CREATE',
      recordIds: [created.id],
      commitUser: conn.userInfo!.id,
    });
    expect(create.payload).toMatchObject({ Subject: 'Streaming test', Origin: 'Web', Status: 'New', Priority: 'Medium' });
    expect(update.payload.ChangeEventHeader.changeType).toBe('UPDATE');
    expect(update.payload.ChangeEventHeader.changedFields).toEqual(expect.arrayContaining(['Status', 'LastModifiedDate']));
    expect(update.payload.ChangeEventHeader.changedFields).not.toContain('Subject');
    expect(update.payload.Status).toBe('Working');
    expect(agentUpdate.payload.ChangeEventHeader).toMatchObject({ commitUser: agent.id });
    expect(agentUpdate.payload.ChangeEventHeader.changedFields).toEqual(expect.arrayContaining(['Priority', 'LastModifiedById']));

    // A second subscriber resumes after the CREATE and gets exactly the two later events.
    const resumed = await subscribe(await soapConnection(emulator, 'admin'), create.event.replayId);
    await until(() => resumed.length === 2, 'two replayed events');
    expect(resumed.map((message) => message.event.replayId)).toEqual([update.event.replayId, agentUpdate.event.replayId]);
  });
});
