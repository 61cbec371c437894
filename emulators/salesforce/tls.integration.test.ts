import { Connection } from '@jsforce/jsforce-node';
import { setDispatcher } from '@jsforce/jsforce-node/lib/request.js';
import { Agent } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateLocalCertificate, type LocalCertificate } from '../../lib/localTls';
import { API_VERSION, failure, startForTest } from './integrationSupport';
import type { SalesforceEmulator } from './index';

/**
 * `--tls`: the emulator serves HTTPS with a certificate made at start, and jsforce (SOAP login,
 * OAuth 2.0 username-password flow, REST) works against it once it trusts that certificate, as a
 * client does with NODE_EXTRA_CA_CERTS or its own CA bundle; without that trust it refuses the
 * connection, so the certificate really is verified.
 */
let certificate: LocalCertificate;
let emulator: SalesforceEmulator;

beforeAll(async () => {
  certificate = await generateLocalCertificate();
  emulator = await startForTest({ tls: certificate });
}, 30_000);

afterAll(async () => {
  await emulator.close();
});

/** jsforce sends with undici's fetch through one process-wide dispatcher: trust the CA there (NODE_EXTRA_CA_CERTS's effect). */
function trustEmulator(): void {
  setDispatcher(new Agent({ connect: { ca: [certificate.cert], allowH2: false } }));
}

afterEach(() => {
  // Undefined puts jsforce's default dispatcher back.
  setDispatcher(undefined);
});

function integrationUser() {
  const user = emulator.seedInfo().users.find((candidate) => candidate.key === 'integration');
  if (!user) throw new Error('The seed has no integration user');
  return user;
}

describe('Salesforce emulator over TLS', () => {
  it('serves https:// URLs: base, login and the instance URL it hands out', async () => {
    expect(emulator.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(emulator.loginUrl).toBe(emulator.url);
    trustEmulator();
    const user = integrationUser();
    const conn = new Connection({ loginUrl: emulator.loginUrl, version: API_VERSION });
    await conn.login(user.username, user.password + user.securityToken);
    expect(conn.instanceUrl).toBe(emulator.url);
  });

  it('jsforce logs in (SOAP and OAuth password flow), queries and writes a Case over HTTPS', async () => {
    trustEmulator();
    const user = integrationUser();
    const { clientId, clientSecret } = emulator.seedInfo().connectedApp;
    const oauth = new Connection({ oauth2: { loginUrl: emulator.loginUrl, clientId, clientSecret }, version: API_VERSION });
    await oauth.login(user.username, user.password + user.securityToken);
    const created = await oauth.sobject('Case').create({ Subject: 'Reached over TLS' });
    expect(created.success).toBe(true);
    const found = await oauth.query<{ Subject: string }>(`SELECT Subject FROM Case WHERE Id = '${created.id}'`);
    expect(found.records.map((record) => record.Subject)).toEqual(['Reached over TLS']);
  });

  it('a client that does not trust the certificate is refused (self-signed)', async () => {
    const user = integrationUser();
    const conn = new Connection({ loginUrl: emulator.loginUrl, version: API_VERSION });
    const error = await failure(conn.login(user.username, user.password + user.securityToken));
    // undici's fetch (jsforce's sender) fails with "fetch failed"; the TLS error is its cause.
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    expect(`${error.message} ${cause?.code} ${cause?.message}`).toMatch(/self[- ]signed/i);
  });
});
