import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoApp, type DemoApp } from '../../testing/demoApp';
import { SalesforceWriter } from './batchingWriter';

/**
 * Salesforce ids reach REST paths unencoded through jsforce (`/sobjects/Case/{id}`): the writer
 * refuses anything that is not a Salesforce id before a request is made.
 */
let app: DemoApp;
beforeAll(async () => {
  app = await startDemoApp();
});
afterAll(async () => {
  await app.close();
});

describe('SalesforceWriter.update', () => {
  it('refuses ids that are not Salesforce ids without calling Salesforce, and updates by a real one', async () => {
    const { salesforce } = app.emulators;
    const writer = new SalesforceWriter(app.ctx.sessions.salesforce);
    const caseId = salesforce.seedInfo().caseIds[0]!;
    await writer.update('Case', caseId, { Subject: 'Reached through a real id' });
    expect(salesforce.store.find('Case', caseId)?.Subject).toBe('Reached through a real id');

    const before = salesforce.context.requestLog.counts().total;
    for (const id of ['../User/005Dn0000000001AAA', `${caseId.slice(0, 15)}/..`, '500Dn00000000 1', '']) {
      await expect(writer.update('Case', id, { Subject: 'Hijacked' })).rejects.toThrow(`Not a Salesforce record id (15 or 18 letters and digits): "${id}"`);
    }
    expect(salesforce.context.requestLog.counts().total).toBe(before);
  });
});
