import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Connection } from 'jsforce';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isValidId } from './ids';
import type { SalesforceEmulator } from './index';
import { API_VERSION, failure, soapConnection, startForTest } from './integrationSupport';

let emulator: SalesforceEmulator;
let conn: Connection;

beforeAll(async () => {
  emulator = await startForTest();
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(async () => {
  emulator.reset('demo');
  conn = await soapConnection(emulator);
});

const seed = () => emulator.seedInfo();
const control = (path: string, body: unknown) =>
  fetch(`${emulator.url}/__emulator/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** Field names of a standard object per jsforce's own type definitions (the oracle). */
function jsforceFieldNames(objectName: string): string[] {
  const file = path.join(path.dirname(createRequire(import.meta.url).resolve('jsforce/package.json')), 'lib/types/standard-schema.d.ts');
  const source = readFileSync(file, 'utf8');
  const block = new RegExp(`type Fields\\$${objectName} = \\{([^}]*)\\};`).exec(source)![1]!;
  return [...block.matchAll(/^\s*(\w+):/gm)].map((match) => match[1]!);
}

describe('describe', () => {
  it('lists the standard objects in the global describe', async () => {
    const global = await conn.describeGlobal();
    const names = global.sobjects.map((sobject) => sobject.name);
    expect(names).toEqual(expect.arrayContaining(['Account', 'Case', 'CaseComment', 'Contact', 'User']));
    expect(global.sobjects.find((sobject) => sobject.name === 'Case')?.keyPrefix).toBe('500');
  });

  it('describes every standard field jsforce knows, compound address fields aside', async () => {
    for (const objectName of ['Case', 'CaseComment', 'User', 'Account', 'Contact']) {
      const described = (await conn.describe(objectName)).fields.map((field) => field.name);
      const expected = jsforceFieldNames(objectName).filter((name) => !/Address$/.test(name) || (objectName === 'User' && name === 'EmailPreferencesAutoBcc'));
      expect(
        expected.filter((name) => !described.includes(name)),
        objectName,
      ).toEqual([]);
    }
  });

  it('describes Case fields as Salesforce does', async () => {
    const described = await conn.describe('Case');
    const field = (name: string) => described.fields.find((candidate) => candidate.name === name)!;
    // jsforce types picklistValues as any[]: read them through the shape the emulator describes.
    const picklist = (name: string) => z.array(z.looseObject({ value: z.string(), defaultValue: z.boolean() })).parse(field(name).picklistValues);
    expect(described).toMatchObject({ name: 'Case', label: 'Case', labelPlural: 'Cases', keyPrefix: '500', createable: true });
    expect(picklist('Status').map((value) => value.value)).toEqual(['New', 'Working', 'Escalated', 'Closed']);
    expect(picklist('Status').find((value) => value.defaultValue)?.value).toBe('New');
    expect(picklist('Priority').find((value) => value.defaultValue)?.value).toBe('Medium');
    expect(picklist('Origin').map((value) => value.value)).toEqual(['Phone', 'Email', 'Web']);
    expect(field('CaseNumber')).toMatchObject({ type: 'string', autoNumber: true, createable: false, updateable: false, nillable: false });
    expect(field('IsClosed')).toMatchObject({ type: 'boolean', createable: false, updateable: false });
    expect(field('AccountId')).toMatchObject({ type: 'reference', referenceTo: ['Account'], relationshipName: 'Account' });
    expect(field('OwnerId')).toMatchObject({ referenceTo: ['Group', 'User'], relationshipName: 'Owner', defaultedOnCreate: true, nillable: false });
    expect(field('Subject')).toMatchObject({ type: 'string', length: 255, nillable: true, createable: true, updateable: true });
    expect(field('SystemModstamp')).toMatchObject({ type: 'datetime', createable: false });
    expect(described.childRelationships).toEqual(
      expect.arrayContaining([expect.objectContaining({ childSObject: 'CaseComment', relationshipName: 'CaseComments' })]),
    );
  });

  it('serves the basic object information', async () => {
    const info = await conn.request<{ objectDescribe: { name: string }; recentItems: unknown[] }>(`/services/data/v${API_VERSION}/sobjects/Case`);
    expect(info.objectDescribe.name).toBe('Case');
    expect(Array.isArray(info.recentItems)).toBe(true);
  });

  it('describes custom fields added at runtime and accepts them on writes', async () => {
    const response = await control('fields', {
      object: 'Case',
      field: { name: 'Severity__c', type: 'picklist', picklistValues: ['SEV1', 'SEV2'], restricted: true },
    });
    expect(response.status).toBe(201);
    const field = (await conn.describe('Case')).fields.find((candidate) => candidate.name === 'Severity__c');
    expect(field).toMatchObject({ custom: true, type: 'picklist', restrictedPicklist: true });
    const created = await conn.sobject('Case').create({ Subject: 'Custom', Severity__c: 'SEV1' });
    const fetched = await conn.sobject('Case').retrieve(created.id!, { fields: ['Severity__c'] });
    expect(fetched.Severity__c).toBe('SEV1');
  });
});

describe('CRUD', () => {
  it('creates, retrieves, updates and deletes a Case with platform-maintained fields', async () => {
    const cases = conn.sobject('Case');
    const created = await cases.create({ Subject: 'Printer on fire', Origin: 'Phone', AccountId: seed().accountIds[0] });
    expect(created.success).toBe(true);
    expect(created.id).toHaveLength(18);
    expect(isValidId(created.id!)).toBe(true);
    const record = await cases.retrieve(created.id!);
    expect(record).toMatchObject({
      Status: 'New',
      Priority: 'Medium',
      IsClosed: false,
      IsDeleted: false,
      OwnerId: conn.userInfo!.id,
      CreatedById: conn.userInfo!.id,
    });
    const caseNumber: unknown = record.CaseNumber;
    expect(caseNumber).toMatch(/^\d{8}$/);
    expect(record.attributes).toEqual({ type: 'Case', url: `/services/data/v${API_VERSION}/sobjects/Case/${created.id}` });

    const updated = await cases.update({ Id: created.id!, Status: 'Closed', Description: 'Extinguished' });
    expect(updated.success).toBe(true);
    const closed = await cases.retrieve(created.id!);
    expect(closed).toMatchObject({ Status: 'Closed', IsClosed: true, CaseNumber: caseNumber });
    expect(closed.ClosedDate).toBeTruthy();

    const partial = await conn.request(`/services/data/v${API_VERSION}/sobjects/Case/${created.id}?fields=Subject,Status`);
    expect(partial).toEqual({
      attributes: { type: 'Case', url: `/services/data/v${API_VERSION}/sobjects/Case/${created.id}` },
      Subject: 'Printer on fire',
      Status: 'Closed',
    });

    const destroyed = await cases.destroy(created.id!);
    expect(destroyed.success).toBe(true);
    const gone = await failure(cases.retrieve(created.id!));
    expect(gone.name).toBe('ENTITY_IS_DELETED');
    const all = await conn.query(`SELECT Id, IsDeleted FROM Case WHERE Id = '${created.id}'`, { scanAll: true });
    expect(all.records[0]).toMatchObject({ IsDeleted: true });
  });

  it('answers 201 with {id, success, errors} and 204 for update and delete', async () => {
    const base = `${emulator.url}/services/data/v${API_VERSION}/sobjects/Account`;
    const headers = { authorization: `Bearer ${conn.accessToken}`, 'content-type': 'application/json' };
    const created = await fetch(base, { method: 'POST', headers, body: JSON.stringify({ Name: 'Wayne Enterprises' }) });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { id: string };
    expect(body).toEqual({ id: body.id, success: true, errors: [] });
    expect(created.headers.get('sforce-limit-info')).toMatch(/^api-usage=\d+\/100000$/);
    expect((await fetch(`${base}/${body.id}`, { method: 'PATCH', headers, body: JSON.stringify({ Phone: '555' }) })).status).toBe(204);
    expect((await fetch(`${base}/${body.id}`, { method: 'DELETE', headers })).status).toBe(204);
  });
});

describe('errors', () => {
  const errorOf = async (promise: PromiseLike<unknown>) => {
    const error = await failure(promise);
    // jsforce keeps the Salesforce error element (with `fields`) in `error.data`.
    const data = (error as { data?: { fields?: string[] } }).data;
    return { errorCode: error.errorCode ?? error.name, message: error.message, fields: data?.fields };
  };

  it('rejects bad writes with Salesforce error codes', async () => {
    expect(await errorOf(conn.sobject('Contact').create({ FirstName: 'No last name' }))).toMatchObject({
      errorCode: 'REQUIRED_FIELD_MISSING',
      message: 'Required fields are missing: [LastName]',
      fields: ['LastName'],
    });
    expect(await errorOf(conn.sobject('Case').create({ Subject: 'x'.repeat(256) }))).toMatchObject({ errorCode: 'STRING_TOO_LONG', fields: ['Subject'] });
    expect(await errorOf(conn.sobject('Case').create({ Status: 'Pending' }))).toMatchObject({
      errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      message: 'Status: bad value for restricted picklist field: Pending',
      fields: ['Status'],
    });
    expect(await errorOf(conn.sobject('Case').create({ Colour: 'red' }))).toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: "No such column 'Colour' on sobject of type Case",
    });
    expect(await errorOf(conn.sobject('Case').create({ CaseNumber: '1' }))).toMatchObject({
      errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
      fields: ['CaseNumber'],
    });
    expect(await errorOf(conn.sobject('Case').update({ Id: seed().caseIds[0]!, IsClosed: true }))).toMatchObject({
      errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
    });
    expect(await errorOf(conn.sobject('Case').retrieve('500Dn0000000zzzAAA'))).toMatchObject({
      errorCode: 'NOT_FOUND',
      message: 'The requested resource does not exist',
    });
    expect(await errorOf(conn.sobject('Case').create({ AccountId: seed().contactIds[0] }))).toMatchObject({
      errorCode: 'FIELD_INTEGRITY_EXCEPTION',
      fields: ['AccountId'],
    });
  });

  it('rejects bad queries with MALFORMED_QUERY, INVALID_FIELD and INVALID_TYPE', async () => {
    expect((await errorOf(conn.query('SELEKT Id FROM Case'))).errorCode).toBe('MALFORMED_QUERY');
    expect((await errorOf(conn.query('SELECT Bogus__c FROM Case'))).errorCode).toBe('INVALID_FIELD');
    expect((await errorOf(conn.query('SELECT Id FROM Widget__c'))).errorCode).toBe('INVALID_TYPE');
  });

  it('answers malformed JSON with 400 JSON_PARSER_ERROR and oversized bodies without crashing', async () => {
    const headers = { authorization: `Bearer ${conn.accessToken}`, 'content-type': 'application/json' };
    const malformed = await fetch(`${emulator.url}/services/data/v${API_VERSION}/sobjects/Case`, { method: 'POST', headers, body: '{"Subject": ' });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { errorCode: string }[])[0]!.errorCode).toBe('JSON_PARSER_ERROR');
    const huge = await fetch(`${emulator.url}/services/data/v${API_VERSION}/sobjects/Case`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ Description: 'x'.repeat(7_000_000) }),
    });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { errorCode: string }[])[0]!.errorCode).toBe('JSON_PARSER_ERROR');
    expect((await conn.query('SELECT COUNT() FROM Case')).totalSize).toBe(50);
  });

  it('answers unknown resources and objects with NOT_FOUND', async () => {
    expect((await errorOf(conn.request(`/services/data/v${API_VERSION}/sobjects/Widget__c/describe`))).errorCode).toBe('NOT_FOUND');
    expect((await errorOf(conn.request(`/services/data/v${API_VERSION}/nothing-here`))).errorCode).toBe('NOT_FOUND');
  });
});

describe('composite/sobjects', () => {
  const url = `/services/data/v${API_VERSION}/composite/sobjects`;

  it('creates records one by one without allOrNone, reporting each result', async () => {
    const results = await conn.requestPost<{ id: string | null; success: boolean; errors: { statusCode: string; fields: string[] }[] }[]>(url, {
      allOrNone: false,
      records: [
        { attributes: { type: 'Case' }, Subject: 'One' },
        { attributes: { type: 'Case' }, Subject: 'Two', Status: 'Bogus' },
        { attributes: { type: 'Contact' }, LastName: 'Three' },
      ],
    });
    expect(results.map((result) => result.success)).toEqual([true, false, true]);
    expect(results[1]).toMatchObject({ id: null, errors: [{ statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', fields: ['Status'] }] });
    expect((await conn.query('SELECT COUNT() FROM Case')).totalSize).toBe(51);
  });

  it('rolls every record back with allOrNone when one fails', async () => {
    const results = await conn.requestPost<{ success: boolean; errors: { statusCode: string }[] }[]>(url, {
      allOrNone: true,
      records: [
        { attributes: { type: 'Case' }, Subject: 'One' },
        { attributes: { type: 'Contact' }, FirstName: 'Missing last name' },
      ],
    });
    expect(results.map((result) => [result.success, result.errors[0]?.statusCode])).toEqual([
      [false, 'ALL_OR_NONE_OPERATION_ROLLED_BACK'],
      [false, 'REQUIRED_FIELD_MISSING'],
    ]);
    expect((await conn.query('SELECT COUNT() FROM Case')).totalSize).toBe(50);
  });

  it('updates with PATCH and deletes with DELETE ?ids=', async () => {
    const [first, second] = seed().caseIds as [string, string];
    const updates = await conn.requestPatch<{ id: string; success: boolean }[]>(url, {
      allOrNone: true,
      records: [
        { attributes: { type: 'Case' }, id: first, Priority: 'Low' },
        { attributes: { type: 'Case' }, id: second, Priority: 'High' },
      ],
    });
    expect(updates).toEqual([
      { id: first, success: true, errors: [] },
      { id: second, success: true, errors: [] },
    ]);
    expect((await conn.sobject('Case').retrieve(second)).Priority).toBe('High');
    const deletes = await conn.requestDelete<{ id: string; success: boolean }[]>(`${url}?ids=${first},${second}&allOrNone=false`);
    expect(deletes.map((result) => result.success)).toEqual([true, true]);
    expect((await conn.query('SELECT COUNT() FROM Case')).totalSize).toBe(48);
  });

  it('refuses more than 200 records', async () => {
    const records = Array.from({ length: 201 }, (_unused, index) => ({ attributes: { type: 'Case' }, Subject: `Bulk ${index}` }));
    const error = await failure(conn.requestPost(url, { allOrNone: false, records }));
    expect(error.name).toBe('EXCEEDED_ID_LIMIT');
  });
});

describe('composite', () => {
  const url = `/services/data/v${API_VERSION}/composite`;

  it('chains subrequests with @{ref.id} references', async () => {
    const response = await conn.requestPost<{
      compositeResponse: { httpStatusCode: number; body: Record<string, unknown>; referenceId: string; httpHeaders: Record<string, string> }[];
    }>(url, {
      allOrNone: true,
      compositeRequest: [
        { method: 'POST', url: `/services/data/v${API_VERSION}/sobjects/Account`, referenceId: 'newAccount', body: { Name: 'Composite Co' } },
        {
          method: 'POST',
          url: `/services/data/v${API_VERSION}/sobjects/Contact`,
          referenceId: 'newContact',
          body: { LastName: 'Chain', AccountId: '@{newAccount.id}' },
        },
        { method: 'GET', url: `/services/data/v${API_VERSION}/sobjects/Contact/@{newContact.id}?fields=AccountId,Name`, referenceId: 'readBack' },
        { method: 'GET', url: `/services/data/v${API_VERSION}/query?q=SELECT+Id+FROM+Account+WHERE+Name='Composite+Co'`, referenceId: 'query' },
      ],
    });
    const [account, contact, readBack, query] = response.compositeResponse;
    expect(account!.httpStatusCode).toBe(201);
    const accountId = z.string().parse(account!.body.id);
    expect(account!.httpHeaders.Location).toBe(`/services/data/v${API_VERSION}/sobjects/Account/${accountId}`);
    expect(contact!.httpStatusCode).toBe(201);
    expect(readBack!.body).toMatchObject({ AccountId: accountId, Name: 'Chain' });
    expect(query!.body).toMatchObject({ totalSize: 1 });
  });

  it('rolls back the whole request with allOrNone when a subrequest fails', async () => {
    const response = await conn.requestPost<{ compositeResponse: { httpStatusCode: number; body: { errorCode: string }[] }[] }>(url, {
      allOrNone: true,
      compositeRequest: [
        { method: 'POST', url: `/services/data/v${API_VERSION}/sobjects/Account`, referenceId: 'ok', body: { Name: 'Rolled Back Inc' } },
        { method: 'POST', url: `/services/data/v${API_VERSION}/sobjects/Contact`, referenceId: 'bad', body: { FirstName: 'No last name' } },
      ],
    });
    expect(response.compositeResponse.map((sub) => [sub.httpStatusCode, sub.body[0]!.errorCode])).toEqual([
      [400, 'PROCESSING_HALTED'],
      [400, 'REQUIRED_FIELD_MISSING'],
    ]);
    expect((await conn.query("SELECT COUNT() FROM Account WHERE Name = 'Rolled Back Inc'")).totalSize).toBe(0);
  });

  it('halts subrequests that refer to a failed one without allOrNone', async () => {
    const response = await conn.requestPost<{ compositeResponse: { httpStatusCode: number; body: unknown }[] }>(url, {
      compositeRequest: [
        { method: 'POST', url: `/services/data/v${API_VERSION}/sobjects/Contact`, referenceId: 'bad', body: {} },
        { method: 'POST', url: `/services/data/v${API_VERSION}/sobjects/Case`, referenceId: 'dependent', body: { ContactId: '@{bad.id}' } },
        { method: 'POST', url: `/services/data/v${API_VERSION}/sobjects/Account`, referenceId: 'independent', body: { Name: 'Still Created' } },
      ],
    });
    expect(response.compositeResponse.map((sub) => sub.httpStatusCode)).toEqual([400, 400, 201]);
    expect(JSON.stringify(response.compositeResponse[1]!.body)).toContain('PROCESSING_HALTED');
  });

  it('refuses more than 25 subrequests', async () => {
    const compositeRequest = Array.from({ length: 26 }, (_unused, index) => ({
      method: 'GET',
      url: `/services/data/v${API_VERSION}/limits`,
      referenceId: `r${index}`,
    }));
    const error = await failure(conn.requestPost(url, { compositeRequest }));
    expect(error.name).toBe('LIMIT_EXCEEDED');
  });
});

describe('query paging', () => {
  async function createCases(count: number) {
    for (let start = 0; start < count; start += 200) {
      const records = Array.from({ length: Math.min(200, count - start) }, (_unused, index) => ({
        attributes: { type: 'Case' },
        Subject: `Paged ${start + index}`,
      }));
      await conn.requestPost(`/services/data/v${API_VERSION}/composite/sobjects`, { allOrNone: true, records });
    }
  }

  it('pages with nextRecordsUrl and Sforce-Query-Options batchSize, through queryMore and autoFetch', async () => {
    await createCases(450);
    const soql = 'SELECT Id, Subject FROM Case ORDER BY CaseNumber';
    const first = await conn.request<{
      totalSize: number;
      done: boolean;
      nextRecordsUrl: string;
      records: unknown[];
    }>({
      method: 'GET',
      url: `/services/data/v${API_VERSION}/query?q=${encodeURIComponent(soql)}`,
      headers: { 'Sforce-Query-Options': 'batchSize=200' },
    });
    expect(first).toMatchObject({ totalSize: 500, done: false });
    expect(first.records).toHaveLength(200);
    expect(first.nextRecordsUrl).toMatch(new RegExp(`^/services/data/v${API_VERSION}/query/01g\\w{15}-200$`));
    const second = await conn.queryMore(first.nextRecordsUrl);
    expect(second.records).toHaveLength(200);
    const third = await conn.queryMore(second.nextRecordsUrl!);
    expect(third).toMatchObject({ done: true });
    expect(third.records).toHaveLength(100);
    const stale = await failure(conn.queryMore(first.nextRecordsUrl));
    expect(stale.name).toBe('INVALID_QUERY_LOCATOR');

    const whole = await conn.query(soql);
    expect(whole).toMatchObject({ totalSize: 500, done: true });

    const fetched: unknown[] = [];
    await new Promise<void>((resolve, reject) => {
      conn
        .query('SELECT Id FROM Case')
        .on('record', (record) => fetched.push(record))
        .on('end', () => resolve())
        .on('error', reject)
        .run({ autoFetch: true, maxFetch: 10_000 });
    });
    expect(fetched).toHaveLength(500);
  });

  it('answers column metadata for columns=true, as the Salesforce CLI reads it before the rows', async () => {
    // sf data query: GET /query?q=…&columns=true → {columnMetadata, entityName, groupBy, idSelected, keyPrefix}, no records.
    const columns = async (soql: string) => {
      const reply = await fetch(`${emulator.url}/services/data/v${API_VERSION}/query?q=${encodeURIComponent(soql)}&columns=true`, {
        headers: { authorization: `Bearer ${conn.accessToken}` },
      });
      expect(reply.status).toBe(200);
      return (await reply.json()) as Record<string, unknown> & { columnMetadata: Record<string, unknown>[] };
    };
    const plain = await columns('SELECT Id, Subject, IsEscalated, Account.Name, Account.Owner.Email, (SELECT CommentBody FROM CaseComments) FROM Case');
    expect(plain).toMatchObject({ entityName: 'Case', groupBy: false, idSelected: true, keyPrefix: '500' });
    expect(plain).not.toHaveProperty('records');
    const [id, subject, escalated, account, comments] = plain.columnMetadata as [Record<string, unknown>, ...Record<string, unknown>[]];
    expect(Object.keys(id).sort()).toEqual([
      'aggregate',
      'apexType',
      'booleanType',
      'columnName',
      'custom',
      'displayName',
      'foreignKeyName',
      'insertable',
      'joinColumns',
      'numberType',
      'textType',
      'updatable',
    ]);
    expect(id).toMatchObject({ columnName: 'Id', apexType: 'Id', insertable: false, updatable: false, aggregate: false });
    expect(subject).toMatchObject({ columnName: 'Subject', apexType: 'String', textType: true, insertable: true, updatable: true });
    expect(escalated).toMatchObject({ columnName: 'IsEscalated', apexType: 'Boolean', booleanType: true });
    expect(account).toMatchObject({ columnName: 'Account', apexType: null, displayName: 'Account' });
    expect(account!.joinColumns).toMatchObject([
      { columnName: 'Name', displayName: 'Account.Name', apexType: 'String' },
      { columnName: 'Owner', displayName: 'Account.Owner', apexType: null, joinColumns: [{ columnName: 'Email', displayName: 'Account.Owner.Email' }] },
    ]);
    expect(comments).toMatchObject({ columnName: 'CaseComments', apexType: null, joinColumns: [{ columnName: 'CommentBody' }] });
    expect(plain.columnMetadata).toHaveLength(5);

    const aggregate = await columns('SELECT COUNT(Id), MAX(CreatedDate) latest FROM Case');
    expect(aggregate).toMatchObject({ idSelected: false, groupBy: false });
    expect(aggregate.columnMetadata).toMatchObject([
      { columnName: 'expr0', aggregate: true, apexType: 'Integer' },
      { columnName: 'latest', aggregate: true, apexType: 'Datetime' },
    ]);
    const bad = await fetch(`${emulator.url}/services/data/v${API_VERSION}/query?q=${encodeURIComponent('SELECT Nope FROM Case')}&columns=true`, {
      headers: { authorization: `Bearer ${conn.accessToken}` },
    });
    expect([bad.status, ((await bad.json()) as [{ errorCode: string }])[0].errorCode]).toEqual([400, 'INVALID_FIELD']);
  });

  it('finds deleted records only through queryAll', async () => {
    const id = seed().caseIds[3]!;
    await conn.sobject('Case').destroy(id);
    expect((await conn.query(`SELECT Id FROM Case WHERE Id = '${id}'`)).totalSize).toBe(0);
    expect((await conn.query(`SELECT Id FROM Case WHERE Id = '${id}'`, { scanAll: true })).totalSize).toBe(1);
  });

  it('serves paths with repeated slashes, as from an instance URL stored with a trailing slash', async () => {
    const reply = await fetch(`${emulator.url}//services/data/v${API_VERSION}//sobjects/Case/${seed().caseIds[0]!}?fields=Id,Subject`, {
      headers: { authorization: `Bearer ${conn.accessToken}` },
    });
    expect(reply.status).toBe(200);
    expect(Object.keys((await reply.json()) as object).sort()).toEqual(['Id', 'Subject', 'attributes']);
    const viaJsforce = new Connection({ instanceUrl: `${emulator.url}/`, accessToken: conn.accessToken!, version: API_VERSION });
    expect((await viaJsforce.query('SELECT Id FROM Case LIMIT 1')).records).toHaveLength(1);
  });

  it('answers ENTITY_IS_DELETED for a deleted record on GET, PATCH and DELETE, and NOT_FOUND for an Id that never was', async () => {
    // Salesforce REST API: a record in the Recycle Bin answers 404 [{"errorCode":"ENTITY_IS_DELETED","message":"entity is deleted"}].
    const id = seed().caseIds[4]!;
    await conn.sobject('Case').destroy(id);
    const call = (method: string, recordId: string) =>
      fetch(`${emulator.url}/services/data/v${API_VERSION}/sobjects/Case/${recordId}`, {
        method,
        headers: { authorization: `Bearer ${conn.accessToken}`, 'content-type': 'application/json' },
        body: method === 'PATCH' ? JSON.stringify({ Subject: 'x' }) : undefined,
      });
    for (const method of ['GET', 'PATCH', 'DELETE']) {
      const reply = await call(method, id);
      expect([method, reply.status, await reply.json()]).toEqual([method, 404, [{ errorCode: 'ENTITY_IS_DELETED', message: 'entity is deleted' }]]);
    }
    const never = await call('GET', '500000000000000AAA');
    expect([never.status, ((await never.json()) as [{ errorCode: string }])[0].errorCode]).toEqual([404, 'NOT_FOUND']);
  });
});

describe('replication, limits and the daily allocation', () => {
  it('lists updated and deleted records in a time window', async () => {
    const start = new Date(Date.now() - 60_000).toISOString();
    const [first, second] = seed().caseIds as [string, string];
    await conn.sobject('Case').update({ Id: first, Priority: 'Low' });
    await conn.sobject('Case').destroy(second);
    await control('clock', { advanceMs: 2 * 60_000 });
    const end = new Date(Date.now() + 2 * 60_000).toISOString();
    const updated = await conn.sobject('Case').updated(start, end);
    expect(updated.ids).toContain(first);
    expect(updated.ids).not.toContain(second);
    const deleted = await conn.sobject('Case').deleted(start, end);
    expect(deleted.deletedRecords.map((record) => record.id)).toEqual([second]);
  });

  it('reports DailyApiRequests and refuses calls with REQUEST_LIMIT_EXCEEDED once the allocation runs out', async () => {
    const limits = await conn.limits();
    expect(limits.DailyApiRequests!.Max).toBe(100_000);
    expect(limits.DailyApiRequests!.Remaining).toBeLessThan(100_000);
    await control('limits', { dailyApiRequests: 5, resetUsage: true });
    for (let call = 0; call < 5; call++) await conn.query('SELECT Id FROM Case LIMIT 1');
    expect(conn.limitInfo.apiUsage).toEqual({ used: 5, limit: 5 });
    const error = await failure(conn.query('SELECT Id FROM Case LIMIT 1'));
    expect([error.name, error.message]).toEqual(['REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.']);
    const raw = await fetch(`${emulator.url}/services/data/v${API_VERSION}/limits`, { headers: { authorization: `Bearer ${conn.accessToken}` } });
    expect(raw.status).toBe(403);
    expect(raw.headers.get('sforce-limit-info')).toBe('api-usage=5/5');
    // A day later the allocation is available again.
    await control('clock', { advanceMs: 24 * 60 * 60 * 1000 });
    expect((await conn.query('SELECT Id FROM Case LIMIT 1')).records).toHaveLength(1);
  });

  it('lists API versions without auth and without a limit header', async () => {
    const response = await fetch(`${emulator.url}/services/data`);
    expect(response.headers.get('sforce-limit-info')).toBeNull();
    const versions = (await response.json()) as { version: string; url: string; label: string }[];
    expect(versions).toContainEqual({ version: '59.0', url: '/services/data/v59.0', label: "Winter '24" });
  });
});

describe('control API: faults and the request log', () => {
  it('injects Salesforce-shaped faults n times and counts requests per endpoint and user', async () => {
    await fetch(`${emulator.url}/__emulator/requests`, { method: 'DELETE' });
    const fault = await control('faults', {
      path: '/query$',
      status: 400,
      code: 'QUERY_TIMEOUT',
      message: 'Your query request was running for too long.',
      times: 1,
    });
    expect(fault.status).toBe(201);
    const error = await failure(conn.query('SELECT Id FROM Case'));
    expect([error.name, error.message]).toEqual(['QUERY_TIMEOUT', 'Your query request was running for too long.']);
    expect((await conn.query('SELECT Id FROM Case')).totalSize).toBe(50);
    await conn.sobject('Case').retrieve(seed().caseIds[0]!);
    const log = (await (await fetch(`${emulator.url}/__emulator/requests`)).json()) as {
      counts: { byEndpoint: Record<string, number>; byPrincipal: Record<string, number> };
    };
    expect(log.counts.byEndpoint['GET /services/data/:version/sobjects/:type/:id']).toBe(1);
    expect(log.counts.byEndpoint['GET /services/data/:version/query']).toBe(1);
    expect(log.counts.byPrincipal['integration@acme-support.example']).toBe(2);
  });

  it('validates control requests strictly', async () => {
    const response = await control('reset', { seed: 'demo', extra: true });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
  });

  it('reseeds deterministically: the same Ids after every reset', async () => {
    const before = seed();
    await control('limits', { dailyApiRequests: 7 });
    await control('fields', { object: 'Case', field: { name: 'Temporary__c', type: 'string' } });
    const after = (await (await control('reset', { seed: 'demo' })).json()) as typeof before;
    expect(await (await fetch(`${emulator.url}/__emulator/limits`)).json()).toEqual({ dailyApiRequests: 100_000, used: 0 });
    expect((await conn.describe('Case')).fields.some((field) => field.name === 'Temporary__c')).toBe(false);
    expect(after.caseIds).toEqual(before.caseIds);
    expect(after.users.map((user) => user.id)).toEqual(before.users.map((user) => user.id));
    expect(after.caseIds).toHaveLength(50);
  });
});
