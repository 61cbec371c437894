import { createSign } from 'node:crypto';
import { Connection } from '@jsforce/jsforce-node';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startSalesforceEmulator, type SalesforceEmulator, type SalesforceEmulatorOptions } from './index';

/** Helpers for the integration suites, which drive the emulator only through real clients. */

export const API_VERSION = '59.0';

export async function startForTest(options: SalesforceEmulatorOptions = {}): Promise<SalesforceEmulator> {
  return startSalesforceEmulator({ port: 0, host: '127.0.0.1', ...options });
}

/** A jsforce connection logged in by SOAP as the seeded user with this role/key. */
export async function soapConnection(emulator: SalesforceEmulator, userKey = 'integration'): Promise<Connection> {
  const user = emulator.seedInfo().users.find((candidate) => candidate.key === userKey);
  if (!user) throw new Error(`The seed has no user "${userKey}"`);
  const conn = new Connection({ loginUrl: emulator.loginUrl, version: API_VERSION });
  await conn.login(user.username, user.password + user.securityToken);
  return conn;
}

/** Signs a JWT bearer assertion with RS256, as a connected app's client would. */
export function jwtAssertion(claims: Record<string, unknown>, privateKeyPem: string): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'RS256' })}.${encode(claims)}`;
  const signature = createSign('RSA-SHA256').update(unsigned).sign(privateKeyPem).toString('base64url');
  return `${unsigned}.${signature}`;
}

/** The error a jsforce call rejects with; fails the test when the call succeeds. */
export async function failure(promise: PromiseLike<unknown>): Promise<Error & { errorCode?: string; name: string; fields?: string[] }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { errorCode?: string; name: string };
  }
  throw new Error('Expected the call to fail, but it succeeded');
}

/**
 * One emulator for the file, the demo org re-seeded before each test and the integration user
 * logged in by SOAP: the set-up most suites share. Read `org.emulator` and `org.conn` inside tests.
 */
export function useDemoOrg(): { readonly emulator: SalesforceEmulator; readonly conn: Connection } {
  let emulator: SalesforceEmulator | undefined;
  let conn: Connection | undefined;
  beforeAll(async () => {
    emulator = await startForTest();
  });
  afterAll(async () => {
    await emulator?.close();
  });
  beforeEach(async () => {
    if (!emulator) throw new Error('The emulator did not start (see beforeAll)');
    emulator.reset('demo');
    conn = await soapConnection(emulator);
  });
  return {
    get emulator() {
      if (!emulator) throw new Error('The emulator did not start (see beforeAll)');
      return emulator;
    },
    get conn() {
      if (!conn) throw new Error('No connection yet: read it inside a test');
      return conn;
    },
  };
}
