/**
 * Bulk API 2.0 query jobs through real HTTP: jsforce's `conn.bulk2.query()`, and the raw
 * resources for what jsforce does not show (states, locators, maxRecords, abort, delete).
 *
 * Real behaviour matched (Bulk API 2.0 and Bulk API Developer Guide, "Query Jobs"):
 * - `POST /services/data/vXX.X/jobs/query` `{operation: query|queryAll, query, columnDelimiter?,
 *   lineEnding?}` answers the job info (`id`, `state` UploadComplete, `object`, `contentType` CSV…).
 * - `GET …/jobs/query/{id}`: the state goes UploadComplete → InProgress → JobComplete (or Failed,
 *   Aborted); `numberRecordsProcessed` once complete.
 * - `GET …/jobs/query/{id}/results?locator=&maxRecords=`: CSV with a header row on every page,
 *   `Sforce-Locator` (the next page's locator, the string `null` after the last page) and
 *   `Sforce-NumberOfRecords` headers.
 * - `PATCH …/jobs/query/{id}` `{state: "Aborted"}` aborts; `DELETE` removes a finished job.
 * - "Bulk API 2.0 Query Considerations": no COUNT()/aggregates, GROUP BY, OFFSET, TYPEOF or
 *   parent-to-child subqueries.
 */
import { describe, expect, it } from 'vitest';
import { API_VERSION, useDemoOrg } from './integrationSupport';

const org = useDemoOrg();

const jobsUrl = () => `${org.emulator.url}/services/data/v${API_VERSION}/jobs/query`;
const call = (path: string, init: { method?: string; body?: unknown } = {}) =>
  fetch(`${jobsUrl()}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${org.conn.accessToken}`, 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
const json = async (response: Response) => (await response.json()) as Record<string, unknown>;

async function completedJob(query: string, extra: Record<string, unknown> = {}): Promise<string> {
  const created = await json(await call('', { method: 'POST', body: { operation: 'query', query, ...extra } }));
  const id = String(created.id);
  for (let state = String(created.state); state !== 'JobComplete';) {
    state = String((await json(await call(`/${id}`))).state);
    if (state === 'Failed' || state === 'Aborted') throw new Error(`job ${state}`);
  }
  return id;
}

describe('Bulk API 2.0 query jobs', () => {
  it('serves jsforce bulk2.query(): every record, parent fields as Account.Name', async () => {
    org.conn.bulk2.pollInterval = 10;
    const records = (await (
      await org.conn.bulk2.query('SELECT Id, CaseNumber, Subject, Account.Name, IsClosed FROM Case ORDER BY CaseNumber')
    ).toArray()) as Record<string, string>[];
    expect(records).toHaveLength(org.emulator.seedInfo().caseIds.length);
    expect(new Set(records.map((record) => record.Id))).toEqual(new Set(org.emulator.seedInfo().caseIds));
    expect(records[0]).toMatchObject({ CaseNumber: '00001001', Subject: 'Checkout page returns HTTP 500', IsClosed: 'false' });
    expect(records[0]!['Account.Name']).toEqual(expect.any(String) as unknown);
  });

  it('moves UploadComplete → InProgress → JobComplete as it is polled, and pages results by locator and maxRecords', async () => {
    const created = await json(await call('', { method: 'POST', body: { operation: 'query', query: 'SELECT Id, Subject FROM Case ORDER BY CaseNumber' } }));
    expect(created).toMatchObject({
      operation: 'query',
      object: 'Case',
      state: 'UploadComplete',
      contentType: 'CSV',
      lineEnding: 'LF',
      columnDelimiter: 'COMMA',
    });
    expect(String(created.id)).toMatch(/^750/);
    expect((await json(await call(`/${String(created.id)}`))).state).toBe('InProgress');
    const done = await json(await call(`/${String(created.id)}`));
    expect(done).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 50 });

    const ids: string[] = [];
    let locator: string | null = null;
    let pages = 0;
    do {
      const response = await call(`/${String(created.id)}/results?maxRecords=20${locator ? `&locator=${locator}` : ''}`);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
      const lines = (await response.text()).trimEnd().split('\n');
      expect(lines[0]).toBe('"Id","Subject"');
      expect(Number(response.headers.get('sforce-numberofrecords'))).toBe(lines.length - 1);
      ids.push(...lines.slice(1).map((line) => line.split(',')[0]!.replaceAll('"', '')));
      locator = response.headers.get('sforce-locator');
      pages += 1;
    } while (locator !== 'null');
    expect(pages).toBe(3);
    expect(ids).toEqual(org.emulator.seedInfo().caseIds);
  });

  it('writes CSV as Salesforce does: every value quoted, quotes doubled, null empty, datetimes in UTC with Z; other delimiters and CRLF', async () => {
    const created = await org.conn.sobject('Case').create({ Subject: 'Says "hi", twice\nand breaks a line', Origin: 'Web' });
    const id = await completedJob(`SELECT Id, Subject, Description, CreatedDate, IsClosed FROM Case WHERE Id = '${created.id}'`);
    const csv = await (await call(`/${id}/results`)).text();
    const [header, row] = [csv.slice(0, csv.indexOf('\n')), csv.slice(csv.indexOf('\n') + 1)];
    expect(header).toBe('"Id","Subject","Description","CreatedDate","IsClosed"');
    expect(row).toMatch(
      new RegExp(`^"${created.id}","Says ""hi"", twice\\nand breaks a line",,"\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z","false"\\n$`),
    );

    const piped = await completedJob(`SELECT Id, IsClosed FROM Case WHERE Id = '${created.id}'`, { columnDelimiter: 'PIPE', lineEnding: 'CRLF' });
    expect(await (await call(`/${piped}/results`)).text()).toBe(`"Id"|"IsClosed"\r\n"${created.id}"|"false"\r\n`);
  });

  it('queryAll includes deleted records', async () => {
    const [first] = org.emulator.seedInfo().caseIds;
    await org.conn.sobject('Case').destroy(first!);
    const query = `SELECT Id, IsDeleted FROM Case WHERE Id = '${first}'`;
    expect(await (await call(`/${await completedJob(query)}/results`)).text()).toBe('"Id","IsDeleted"\n');
    const all = await completedJob(query, { operation: 'queryAll' });
    expect(await (await call(`/${all}/results`)).text()).toBe(`"Id","IsDeleted"\n"${first}","true"\n`);
  });

  it('aborts a running job, deletes a finished one, and refuses results before completion', async () => {
    const running = await json(await call('', { method: 'POST', body: { operation: 'query', query: 'SELECT Id FROM Case' } }));
    const early = await call(`/${String(running.id)}/results`);
    expect(early.status).toBe(400);
    expect(await early.json()).toEqual([{ errorCode: 'INVALIDJOBSTATE', message: expect.stringContaining('UploadComplete') as unknown }]);
    expect(await json(await call(`/${String(running.id)}`, { method: 'PATCH', body: { state: 'Aborted' } }))).toMatchObject({ state: 'Aborted' });
    expect((await json(await call(`/${String(running.id)}`))).state).toBe('Aborted');

    const finished = await completedJob('SELECT Id FROM Case');
    expect((await call(`/${finished}`, { method: 'PATCH', body: { state: 'Aborted' } })).status).toBe(400);
    expect((await call(`/${finished}`, { method: 'DELETE' })).status).toBe(204);
    const gone = await call(`/${finished}`);
    expect(gone.status).toBe(404);
    expect(await gone.json()).toEqual([{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
  });

  it('refuses a bad query when the job is created, and what Bulk API 2.0 does not run', async () => {
    const cases: [string, string, string][] = [
      ['SELECT Nope FROM Case', 'INVALID_FIELD', "No such column 'Nope'"],
      ['SELECT COUNT() FROM Case', 'API_ERROR', 'COUNT() is not supported by Bulk API 2.0 queries'],
      ['SELECT Id, (SELECT Id FROM CaseComments) FROM Case', 'API_ERROR', 'A parent-to-child subquery is not supported'],
      ['SELECT Id FROM Case LIMIT 5 OFFSET 5', 'API_ERROR', 'OFFSET is not supported'],
    ];
    for (const [query, errorCode, message] of cases) {
      const response = await call('', { method: 'POST', body: { operation: 'query', query } });
      expect({ query, status: response.status, body: (await response.json()) as unknown }).toEqual({
        query,
        status: 400,
        body: [{ errorCode, message: expect.stringContaining(message) as unknown }],
      });
    }
    const bad = await call('', { method: 'POST', body: { operation: 'upsert', query: 'SELECT Id FROM Case' } });
    expect(await bad.json()).toEqual([{ errorCode: 'INVALIDJOB', message: expect.stringContaining('operation') as unknown }]);
  });
});
