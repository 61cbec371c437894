/**
 * Saving the CONNECTIONS forms over HTTP: each refusal names the field that is actually wrong.
 * The app here has no emulators; the Salesforce login host is a closed local port.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/harness';

interface FieldErrorReply {
  error: { code: string; message: string; details?: { fields?: { path: string; message: string }[] } };
}

let app: TestServer;
let auth: { cookie: string; csrfToken: string };

beforeAll(async () => {
  app = await startTestServer();
  auth = await app.signIn();
});
afterAll(() => app.close());

async function put(route: string, body: unknown) {
  const response = await fetch(`${app.url}${route}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', cookie: auth.cookie, 'x-csrf-token': auth.csrfToken },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as FieldErrorReply };
}

const fieldsOf = (reply: FieldErrorReply) => reply.error.details?.fields ?? [];

describe('PUT /api/connections/salesforce', () => {
  const saved = {
    authMode: 'password',
    environment: 'custom',
    loginUrl: 'http://127.0.0.1:9',
    username: 'int@example.com',
    password: 'Sup3r-Secret',
    securityToken: 'TOKEN',
  };

  beforeEach(async () => {
    expect((await put('/api/connections/salesforce', saved)).status).toBe(200);
  });

  it('flags Username, not Password, when the username is cleared', async () => {
    for (const username of [null, '', '   ']) {
      const reply = await put('/api/connections/salesforce', { authMode: 'password', username });
      expect(reply.status, JSON.stringify(username)).toBe(400);
      expect(fieldsOf(reply.body)).toEqual([{ path: 'username', message: 'Enter the username, e.g. integration@acme.com' }]);
      expect(reply.body.error.message).toBe('Enter the username, e.g. integration@acme.com');
    }
    const stored = await app.ctx.connections.salesforce();
    expect(stored).toMatchObject({ username: 'int@example.com', password: 'Sup3r-Secret', securityToken: 'TOKEN' });
  });

  it('flags Username for JWT bearer too, and every text field a mode needs', async () => {
    const jwt = await put('/api/connections/salesforce', { authMode: 'jwt', clientId: 'client', username: null });
    expect(fieldsOf(jwt.body).map((field) => field.path)).toEqual(['username']);
    const clientCredentials = await put('/api/connections/salesforce', { authMode: 'client_credentials', clientId: '' });
    expect(fieldsOf(clientCredentials.body)).toEqual([{ path: 'clientId', message: 'Enter the consumer key of the connected app' }]);
    const sfdx = await put('/api/connections/salesforce', { authMode: 'sfdx', alias: null });
    expect(fieldsOf(sfdx.body)).toEqual([{ path: 'alias', message: 'Enter the org alias or username the sf CLI knows' }]);
    // A field the chosen mode does not use may be cleared.
    expect((await put('/api/connections/salesforce', { authMode: 'password', clientId: null })).status).toBe(200);
  });

  it('still asks for the password when the username changes to another one', async () => {
    const reply = await put('/api/connections/salesforce', { authMode: 'password', username: 'someone-else@example.com' });
    expect(reply.status).toBe(400);
    expect(fieldsOf(reply.body)).toEqual([{ path: 'password', message: 'Required when the login host or username changes' }]);
    expect((await app.ctx.connections.salesforce()).username).toBe('int@example.com');
  });
});
