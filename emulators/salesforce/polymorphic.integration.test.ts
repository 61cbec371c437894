/**
 * Polymorphic lookups through real HTTP with jsforce: a Case's Owner is a User or a queue (a Group
 * of Type Queue, key prefix 00G), read through the Name object or with TYPEOF.
 *
 * Real behaviour matched (Salesforce SOQL and SOSL Reference):
 * - "Understanding Relationship Fields and Polymorphic Fields": Case.OwnerId has referenceTo
 *   Group and User, `namePointing` and `polymorphicForeignKey`; `Owner.Type` names the type of
 *   the record it points to and filters on it (`WHERE Owner.Type = 'Queue'`).
 * - Object Reference, "Name": a polymorphic relationship points to the Name object, whose fields
 *   (Name, Type, Alias, Email, Username…) are common to every target; Alias, Email, IsActive,
 *   Phone, Title, Username… hold a value only when the record is a user. A parent read through
 *   it answers `attributes.type` "Name", the URL naming the real object.
 * - "TYPEOF": `TYPEOF Owner WHEN User THEN … WHEN Group THEN … ELSE … END` selects fields by the
 *   record's runtime type; each WHEN names one type the field can point to; the ELSE fields are
 *   Name fields; "typeOfField cannot reference a relationship field that is also referenced in
 *   the fieldList".
 */
import { describe, expect, it } from 'vitest';
import { API_VERSION, failure, useDemoOrg } from './integrationSupport';

const org = useDemoOrg();

type Row = Record<string, unknown> & { Id: string; OwnerId: string; Owner: Record<string, unknown> | null };
const query = async (soql: string) => (await org.conn.query<Row>(soql)).records;
const url = (type: string, id: string) => `/services/data/v${API_VERSION}/sobjects/${type}/${id}`;

describe('queues as Case owners', () => {
  it('describes Group (00G) and seeds queues that own some Cases', async () => {
    const group = await org.conn.describe('Group');
    expect(group).toMatchObject({ name: 'Group', keyPrefix: '00G', queryable: true });
    expect(group.fields.find((field) => field.name === 'Type')?.picklistValues?.map((value: { value: string }) => value.value)).toContain('Queue');
    const owner = (await org.conn.describe('Case')).fields.find((field) => field.name === 'OwnerId');
    expect(owner).toMatchObject({ referenceTo: ['Group', 'User'], relationshipName: 'Owner', namePointing: true, polymorphicForeignKey: true });

    const queues = await org.conn.query<{ Id: string; Name: string; Type: string }>("SELECT Id, Name, Type FROM Group WHERE Type = 'Queue' ORDER BY Name");
    expect(queues.records.map((queue) => queue.Name)).toEqual(['Escalations', 'Tier 2 Support']);
    expect(queues.records.every((queue) => queue.Id.startsWith('00G'))).toBe(true);
    expect(org.emulator.seedInfo().queueIds).toHaveLength(2);

    const queueOwned = await query("SELECT Id, OwnerId FROM Case WHERE Owner.Type = 'Queue'");
    expect(queueOwned.length).toBeGreaterThan(0);
    expect(queueOwned.every((row) => row.OwnerId.startsWith('00G'))).toBe(true);
    const all = await org.conn.query('SELECT COUNT() FROM Case');
    const userOwned = await org.conn.query("SELECT COUNT() FROM Case WHERE Owner.Type = 'User'");
    expect(userOwned.totalSize + queueOwned.length).toBe(all.totalSize);
  });

  it('reads Owner fields through the Name object: Type, Name, and user-only fields null for a queue', async () => {
    const rows = await query('SELECT Id, OwnerId, Owner.Type, Owner.Name, Owner.Email, Owner.Username FROM Case ORDER BY Owner.Type, CaseNumber');
    const queueRow = rows.find((row) => row.OwnerId.startsWith('00G'))!;
    const [queueId] = org.emulator.seedInfo().queueIds;
    expect(queueRow.Owner).toEqual({
      attributes: { type: 'Name', url: url('Group', queueRow.OwnerId) },
      Type: 'Queue',
      Name: queueRow.OwnerId === queueId ? 'Tier 2 Support' : 'Escalations',
      Email: null,
      Username: null,
    });
    const userRow = rows.find((row) => row.OwnerId.startsWith('005'))!;
    const user = org.emulator.seedInfo().users.find((candidate) => candidate.id === userRow.OwnerId)!;
    expect(userRow.Owner).toEqual({
      attributes: { type: 'Name', url: url('User', user.id) },
      Type: 'User',
      Name: user.name,
      Email: user.email,
      Username: user.username,
    });
    // ORDER BY Owner.Type: 'Queue' sorts before 'User'.
    expect(rows[0]!.OwnerId.startsWith('00G')).toBe(true);
  });

  it('refuses fields that are not on the Name object, as the real org does', async () => {
    const error = await failure(org.conn.query('SELECT Owner.DeveloperName FROM Case'));
    expect(error.name).toBe('INVALID_FIELD');
    expect(error.message).toContain("No such column 'DeveloperName' on entity 'Name'");
  });

  it('assigns a Case to a queue by OwnerId, and refuses an Id of another object', async () => {
    const [queueId] = org.emulator.seedInfo().queueIds;
    const caseId = org.emulator.seedInfo().caseIds[0]!;
    await org.conn.sobject('Case').update({ Id: caseId, OwnerId: queueId! });
    const [row] = await query(`SELECT Owner.Name FROM Case WHERE Id = '${caseId}'`);
    expect(row!.Owner).toMatchObject({ Name: 'Tier 2 Support' });
    const wrong = await failure(org.conn.sobject('Case').update({ Id: caseId, OwnerId: org.emulator.seedInfo().accountIds[0]! }));
    expect(wrong.name).toBe('FIELD_INTEGRITY_EXCEPTION');
  });
});

describe('TYPEOF', () => {
  const typeOf = 'SELECT Id, OwnerId, TYPEOF Owner WHEN User THEN Username, Email WHEN Group THEN Name, Type ELSE Name END FROM Case';

  it('selects the WHEN fields of the record’s runtime type, with that type in attributes', async () => {
    const rows = await query(typeOf);
    const userRow = rows.find((row) => row.OwnerId.startsWith('005'))!;
    const user = org.emulator.seedInfo().users.find((candidate) => candidate.id === userRow.OwnerId)!;
    expect(userRow.Owner).toEqual({ attributes: { type: 'User', url: url('User', user.id) }, Username: user.username, Email: user.email });
    const queueRow = rows.find((row) => row.OwnerId.startsWith('00G'))!;
    expect(queueRow.Owner).toEqual({ attributes: { type: 'Group', url: url('Group', queueRow.OwnerId) }, Name: expect.any(String) as unknown, Type: 'Queue' });
  });

  it('falls back to the ELSE fields (Name fields) when no WHEN matches, and to the attributes alone without ELSE', async () => {
    const withElse = await query('SELECT Id, OwnerId, TYPEOF Owner WHEN User THEN Email ELSE Name, Type END FROM Case');
    const queueRow = withElse.find((row) => row.OwnerId.startsWith('00G'))!;
    expect(queueRow.Owner).toEqual({ attributes: { type: 'Group', url: url('Group', queueRow.OwnerId) }, Name: expect.any(String) as unknown, Type: 'Queue' });
    const withoutElse = await query('SELECT Id, OwnerId, TYPEOF Owner WHEN User THEN Email END FROM Case');
    const bare = withoutElse.find((row) => row.OwnerId.startsWith('00G'))!;
    expect(bare.Owner).toEqual({ attributes: { type: 'Group', url: url('Group', bare.OwnerId) } });
  });

  it('follows parents inside a WHEN branch', async () => {
    const [row] = await query(`SELECT TYPEOF Owner WHEN User THEN CreatedBy.Name END FROM Case WHERE Owner.Type = 'User' LIMIT 1`);
    expect(row!.Owner).toMatchObject({ attributes: { type: 'User' }, CreatedBy: { attributes: { type: 'User' }, Name: 'Ada Admin' } });
  });

  it('answers columns=true with one Owner entry joining the fields of every branch', async () => {
    const soql = 'SELECT Id, TYPEOF Owner WHEN User THEN Email WHEN Group THEN Name ELSE Name END FROM Case';
    const reply = await org.conn.request<{
      columnMetadata: { columnName: string; apexType: string | null; joinColumns: { columnName: string; displayName: string }[] }[];
    }>(`/services/data/v${API_VERSION}/query?q=${encodeURIComponent(soql)}&columns=true`);
    expect(reply.columnMetadata.map((column) => column.columnName)).toEqual(['Id', 'Owner']);
    expect(reply.columnMetadata[1]).toMatchObject({
      apexType: null,
      joinColumns: [
        { columnName: 'Email', displayName: 'Owner.Email' },
        { columnName: 'Name', displayName: 'Owner.Name' },
      ],
    });
  });

  it('answers MALFORMED_QUERY or INVALID_FIELD for what the reference rules out', async () => {
    const cases: [string, string, string][] = [
      ['SELECT TYPEOF Account WHEN Account THEN Name END FROM Case', 'MALFORMED_QUERY', 'TYPEOF can only be used on a polymorphic relationship'],
      ['SELECT TYPEOF Owner WHEN Account THEN Name END FROM Case', 'MALFORMED_QUERY', 'Account is not a type Case.Owner can point to'],
      ['SELECT Owner.Name, TYPEOF Owner WHEN User THEN Email END FROM Case', 'MALFORMED_QUERY', 'duplicate field selected: Owner'],
      ['SELECT TYPEOF Owner WHEN User THEN Email ELSE DeveloperName END FROM Case', 'INVALID_FIELD', "No such column 'DeveloperName' on entity 'Name'"],
      ['SELECT TYPEOF Owner WHEN Group THEN Username END FROM Case', 'INVALID_FIELD', "No such column 'Username' on entity 'Group'"],
      ['SELECT COUNT(), TYPEOF Owner WHEN User THEN Email END FROM Case', 'MALFORMED_QUERY', 'COUNT() must be the only element'],
    ];
    for (const [soql, errorCode, message] of cases) {
      const error = await failure(org.conn.query(soql));
      expect({ soql, errorCode: error.name, message: error.message }).toMatchObject({ soql, errorCode, message: expect.stringContaining(message) as unknown });
    }
  });
});
