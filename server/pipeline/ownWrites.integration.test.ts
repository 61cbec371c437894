import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngines, type TestDatabase } from '../testing/databases';
import { OwnWrites } from './ownWrites';

const engines = await testEngines();

describe.each(engines)('OwnWrites on %s', (engine) => {
  let database: TestDatabase;
  let writes: OwnWrites;
  beforeEach(async () => {
    database = await createTestDatabase(engine);
    writes = new OwnWrites(database.db);
  });
  afterEach(() => database.drop());

  it('recognises a note it wrote on that incident only, and nothing it did not write', async () => {
    await writes.remember('incident_note', 'PINC1', 'Ada (Salesforce comment): customer called');
    expect(await writes.wrote('incident_note', 'PINC1', 'Ada (Salesforce comment): customer called')).toBe(true);
    expect(await writes.wrote('incident_note', 'PINC2', 'Ada (Salesforce comment): customer called')).toBe(false);
    expect(await writes.wrote('case_comment', 'PINC1', 'Ada (Salesforce comment): customer called')).toBe(false);
    expect(await writes.wrote('incident_note', 'PINC1', 'Ada (Salesforce comment): customer called twice')).toBe(false);
  });

  it('recognises a comment whatever Id length and line ends the other side reports', async () => {
    await writes.remember('case_comment', '500000000000001AAA', 'Grace (PagerDuty note): line one\nline two');
    expect(await writes.wrote('case_comment', '500000000000001', 'Grace (PagerDuty note): line one\r\nline two\n')).toBe(true);
  });

  it('remembers the same write twice without failing (a retried job)', async () => {
    await writes.remember('case_comment', '500000000000001AAA', 'hello');
    await writes.remember('case_comment', '500000000000001AAA', 'hello');
    expect(await writes.wrote('case_comment', '500000000000001AAA', 'hello')).toBe(true);
  });

  it('keeps a digest, never the text itself', async () => {
    await writes.remember('incident_note', 'PINC1', 'The customer’s card ends 4242');
    const rows = await database.db('own_writes').select();
    expect(JSON.stringify(rows)).not.toContain('4242');
  });
});
