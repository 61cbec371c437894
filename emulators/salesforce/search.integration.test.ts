/**
 * SOSL through real HTTP: jsforce's `conn.search()` (`GET /search?q=`), and the
 * `parameterizedSearch` resource by GET and POST.
 *
 * Real behaviour matched:
 * - SOSL and SOQL Reference, "SOSL Syntax" and "FIND {SearchQuery}": terms in braces (REST),
 *   `*` (zero or more characters) and `?` (one character) wildcards, "quoted phrases", AND / OR /
 *   AND NOT, matching whole words case-insensitively; "IN SearchGroup" (ALL, NAME, EMAIL, PHONE
 *   FIELDS); "RETURNING FieldSpec" with per-object field lists, WHERE, ORDER BY, LIMIT, OFFSET,
 *   an object without a field list answering Id only; LIMIT n overall (2,000 at most).
 * - REST API Developer Guide, "Search" (`GET /services/data/vXX.X/search/?q=`) and "Search by
 *   Parameter" (`parameterizedSearch`: `q`, `in`, `fields`, `sobject`, `{sobject}.fields`,
 *   `{sobject}.limit`, `overallLimit`, `defaultLimit`; POST with `sobjects: [{name, fields,
 *   where, limit}]`): both answer `{searchRecords: [{attributes: {type, url}, …fields}]}`.
 * - Errors: a statement without braces answers MALFORMED_SEARCH "No search term found. The search
 *   term must be enclosed in braces."; a one-character term INVALID_SEARCH "search term must be
 *   longer than one character"; an unknown object INVALID_TYPE, an unknown field INVALID_FIELD.
 */
import { describe, expect, it } from 'vitest';
import { API_VERSION, failure, useDemoOrg } from './integrationSupport';

const org = useDemoOrg();

type Found = Record<string, unknown> & { attributes: { type: string; url: string }; Id?: string; Subject?: string };
const search = async (sosl: string) => (await org.conn.search(sosl)).searchRecords as unknown as Found[];
const base = `/services/data/v${API_VERSION}`;

describe('GET search (SOSL)', () => {
  it('finds Cases by a word in any text field, with the RETURNING fields and attributes', async () => {
    const found = await search('FIND {Checkout} IN ALL FIELDS RETURNING Case(Id, Subject)');
    expect(found.length).toBe(2);
    for (const record of found) {
      expect(record).toEqual({
        attributes: { type: 'Case', url: `${base}/sobjects/Case/${record.Id}` },
        Id: expect.any(String) as unknown,
        Subject: 'Checkout page returns HTTP 500',
      });
    }
  });

  it('matches whole words with * and ? wildcards, phrases, OR and AND NOT, ignoring case', async () => {
    const subjects = async (sosl: string) => new Set((await search(sosl)).map((record) => record.Subject));
    expect(await subjects('FIND {checkout} RETURNING Case(Subject)')).toEqual(new Set(['Checkout page returns HTTP 500']));
    expect(await subjects('FIND {Check} RETURNING Case(Subject)')).toEqual(new Set());
    expect(await subjects('FIND {Check*} RETURNING Case(Subject)')).toEqual(new Set(['Checkout page returns HTTP 500']));
    expect(await subjects('FIND {Invoic?s} RETURNING Case(Subject)')).toEqual(new Set(['Invoices not generated for March']));
    expect(await subjects('FIND {"page returns"} RETURNING Case(Subject)')).toEqual(new Set(['Checkout page returns HTTP 500']));
    expect(await subjects('FIND {"returns page"} RETURNING Case(Subject)')).toEqual(new Set());
    expect(await subjects('FIND {Checkout OR VPN} RETURNING Case(Subject)')).toEqual(
      new Set(['Checkout page returns HTTP 500', 'VPN tunnel drops every hour']),
    );
    expect(await subjects('FIND {Checkout AND NOT HTTP} RETURNING Case(Subject)')).toEqual(new Set());
    expect(await subjects('FIND {Checkout HTTP} RETURNING Case(Subject)')).toEqual(new Set(['Checkout page returns HTTP 500']));
  });

  it('applies each object’s WHERE, ORDER BY, LIMIT and OFFSET, in RETURNING order, and LIMIT overall', async () => {
    const all = await search('FIND {Checkout OR Login} RETURNING Case(CaseNumber, Status ORDER BY CaseNumber DESC)');
    const numbers = all.map((record) => String(record.CaseNumber));
    expect(numbers).toEqual([...numbers].sort().reverse());
    const open = await search("FIND {Checkout OR Login} RETURNING Case(CaseNumber, Status WHERE Status != 'Closed' ORDER BY CaseNumber DESC LIMIT 2 OFFSET 1)");
    const expected = all.filter((record) => record.Status !== 'Closed').slice(1, 3);
    expect(open.map((record) => record.CaseNumber)).toEqual(expected.map((record) => record.CaseNumber));

    const mixed = await search('FIND {Acme} RETURNING Account(Name), Contact(Email), Case(Subject)');
    const types = mixed.map((record) => record.attributes.type);
    expect(types[0]).toBe('Account');
    expect(types).toContain('Contact');
    expect(types.indexOf('Contact')).toBeGreaterThan(types.lastIndexOf('Account'));
    expect(mixed.find((record) => record.attributes.type === 'Account')).toMatchObject({ Name: 'Acme Corporation' });
    expect(await search('FIND {Acme} RETURNING Account(Name), Contact(Email) LIMIT 1')).toHaveLength(1);
  });

  it('searches only the chosen field group, and every searchable object (Id only) without RETURNING', async () => {
    const byName = await search('FIND {Acme} IN NAME FIELDS RETURNING Account(Name), Contact(Name)');
    expect(byName.map((record) => record.attributes.type)).toEqual(['Account']);
    const byEmail = await search('FIND {acme} IN EMAIL FIELDS RETURNING Account(Name), Contact(Email)');
    expect(byEmail.length).toBeGreaterThan(0);
    expect(byEmail.every((record) => record.attributes.type === 'Contact')).toBe(true);

    const everywhere = await search('FIND {Acme}');
    expect(new Set(everywhere.map((record) => record.attributes.type))).toEqual(new Set(['Account', 'Contact', 'User', 'Group']));
    expect(Object.keys(everywhere[0]!)).toEqual(['attributes', 'Id']);
  });

  it('answers Salesforce’s errors, naming what is not served', async () => {
    const cases: [string, string, string][] = [
      ['FIND Checkout RETURNING Case', 'MALFORMED_SEARCH', 'No search term found. The search term must be enclosed in braces.'],
      ['SELECT Id FROM Case', 'MALFORMED_SEARCH', 'No search term found'],
      ['FIND {a} RETURNING Case', 'INVALID_SEARCH', 'search term must be longer than one character'],
      ['FIND {Checkout} WITH SNIPPET', 'MALFORMED_SEARCH', 'WITH SNIPPET is not supported by this emulator'],
      ['FIND {Checkout} IN SIDEBAR FIELDS', 'MALFORMED_SEARCH', 'IN SIDEBAR FIELDS is not supported by this emulator'],
      ['FIND {Checkout} RETURNING Case(Id USING ListView = Recent)', 'MALFORMED_SEARCH', 'USING in RETURNING Case(…) is not supported'],
      ['FIND {Checkout} RETURNING Widget', 'INVALID_TYPE', "sObject type 'Widget' is not supported"],
      ['FIND {Checkout} RETURNING Case(Nope)', 'INVALID_FIELD', "No such column 'Nope' on entity 'Case'"],
      ['FIND {Checkout} RETURNING Case(Id WHERE)', 'MALFORMED_SEARCH', "unexpected token: '<EOF>'"],
      ['FIND {Checkout} RETURNING Case(Id WHERE Sttus = 1)', 'INVALID_FIELD', "No such column 'Sttus' on entity 'Case'"],
    ];
    for (const [sosl, errorCode, message] of cases) {
      const outcome = await org.conn.search(sosl).then(
        () => ({ sosl, errorCode: 'none (it succeeded)', message: '' }),
        (error: unknown) => ({ sosl, errorCode: (error as Error).name, message: (error as Error).message }),
      );
      expect(outcome).toMatchObject({ sosl, errorCode, message: expect.stringContaining(message) as unknown });
    }
  });
});

describe('parameterizedSearch', () => {
  it('GET: q, sobject, {sobject}.fields and {sobject}.limit', async () => {
    const params = new URLSearchParams({ q: 'Checkout', sobject: 'Case', 'Case.fields': 'Id,Subject', 'Case.limit': '1' });
    const reply = await org.conn.request<{ searchRecords: Found[] }>(`${base}/parameterizedSearch?${params}`);
    expect(reply.searchRecords).toEqual([
      {
        attributes: { type: 'Case', url: expect.stringMatching(/\/sobjects\/Case\/500/) as unknown },
        Id: expect.any(String) as unknown,
        Subject: 'Checkout page returns HTTP 500',
      },
    ]);
    const emails = await org.conn.request<{ searchRecords: Found[] }>(
      `${base}/parameterizedSearch?${new URLSearchParams({ q: 'acme', in: 'EMAIL', sobject: 'Contact,Account', fields: 'Id,Name' })}`,
    );
    expect(emails.searchRecords.length).toBeGreaterThan(0);
    expect(emails.searchRecords.every((record) => record.attributes.type === 'Contact' && typeof record.Name === 'string')).toBe(true);
  });

  it('POST: the same as JSON, with a WHERE per object', async () => {
    const reply = await org.conn.requestPost<{ searchRecords: Found[] }>(`${base}/parameterizedSearch`, {
      q: 'Checkout OR Login',
      in: 'ALL',
      sobjects: [{ name: 'Case', fields: ['Id', 'Subject', 'Status'], where: "Status = 'Closed'" }],
      overallLimit: 10,
    });
    const direct = await search("FIND {Checkout OR Login} RETURNING Case(Id, Subject, Status WHERE Status = 'Closed')");
    expect(reply.searchRecords).toEqual(direct);
  });

  it('refuses a missing q and the parameters it does not serve', async () => {
    const missing = await failure(org.conn.request(`${base}/parameterizedSearch?sobject=Case`));
    expect(missing).toMatchObject({ name: 'INVALID_SEARCH', message: expect.stringContaining("'q'") as unknown });
    const snippet = await failure(org.conn.requestPost(`${base}/parameterizedSearch`, { q: 'Checkout', snippet: { target_length: 50 } }));
    expect(snippet).toMatchObject({ name: 'INVALID_SEARCH', message: expect.stringContaining("'snippet' is not supported") as unknown });
  });
});
