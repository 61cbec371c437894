import { generateKeyPairSync } from 'node:crypto';
import { AuthInfo, Connection as CoreConnection, Org } from '@salesforce/core';
import { Connection, OAuth2 } from 'jsforce';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SalesforceEmulator } from './index';
import { API_VERSION, failure, jwtAssertion, soapConnection, startForTest } from './integrationSupport';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
let emulator: SalesforceEmulator;

beforeAll(async () => {
  emulator = await startForTest();
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => {
  emulator.reset('demo');
});

const seed = () => emulator.seedInfo();
const user = (key: string) => seed().users.find((candidate) => candidate.key === key)!;

function oauth2(overrides: Partial<{ clientId: string; clientSecret: string; loginUrl: string }> = {}) {
  const app = seed().connectedApp;
  return new OAuth2({ loginUrl: emulator.url, clientId: app.clientId, clientSecret: app.clientSecret, ...overrides });
}

/**
 * A connection holding only the session: a SOAP-logged-in jsforce connection would silently log
 * in again on 401, hiding the error these tests look for.
 */
function withoutRelogin(conn: Connection) {
  return new Connection({ instanceUrl: conn.instanceUrl, accessToken: conn.accessToken!, version: API_VERSION });
}

function nowSeconds() {
  return Math.floor(Date.now() / 1000);
}

describe('SOAP login (jsforce login() without a client id)', () => {
  it('logs in with password + security token and can call the REST API', async () => {
    const conn = await soapConnection(emulator);
    expect(conn.accessToken).toMatch(/^00D[a-zA-Z0-9]{12}![\w.]+$/);
    expect(conn.instanceUrl).toBe(emulator.url);
    expect(conn.userInfo?.id).toBe(user('integration').id);
    expect(conn.userInfo?.organizationId).toBe(seed().org.id);
    const identity = await conn.identity();
    expect(identity.username).toBe(user('integration').username);
  });

  it('answers INVALID_LOGIN for a wrong password, a missing token or an unknown user', async () => {
    const integration = user('integration');
    for (const [username, password] of [
      [integration.username, 'wrong' + integration.securityToken],
      [integration.username, integration.password],
      ['nobody@example.com', 'x'],
    ] as const) {
      const conn = new Connection({ loginUrl: emulator.url, version: API_VERSION });
      const error = await failure(conn.login(username, password));
      expect(error.message).toBe('INVALID_LOGIN: Invalid username, password, security token; or user locked out.');
    }
  });

  it('tells production and sandbox login hosts apart', async () => {
    const integration = user('integration');
    const conn = new Connection({ loginUrl: emulator.sandboxLoginUrl, version: API_VERSION });
    const error = await failure(conn.login(integration.username, integration.password + integration.securityToken));
    expect(error.message).toMatch(/^INVALID_LOGIN/);
  });

  it('refuses API-disabled users and password-expired users the way Salesforce does', async () => {
    const agent = user('agent1');
    await fetch(`${emulator.url}/__emulator/users/${agent.id}/state`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ apiEnabled: false }),
    });
    let conn = new Connection({ loginUrl: emulator.url, version: API_VERSION });
    expect((await failure(conn.login(agent.username, agent.password + agent.securityToken))).message).toBe(
      'API_CURRENTLY_DISABLED: API is disabled for this User',
    );

    await fetch(`${emulator.url}/__emulator/users/${agent.id}/state`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ apiEnabled: true, passwordExpired: true }),
    });
    conn = new Connection({ loginUrl: emulator.url, version: API_VERSION });
    expect((await failure(conn.login(agent.username, agent.password + agent.securityToken))).message).toBe(
      'Unable to login because the used password has expired.',
    );
  });
});

describe('OAuth 2.0 token endpoint', () => {
  it('password flow: logs in with the connected app, or answers invalid_grant / invalid_client_id / invalid_client', async () => {
    const integration = user('integration');
    const conn = new Connection({ oauth2: oauth2(), version: API_VERSION });
    const info = await conn.login(integration.username, integration.password + integration.securityToken);
    expect(info.id).toBe(integration.id);
    expect(info.organizationId).toBe(seed().org.id);
    expect((await conn.query('SELECT Id FROM Case LIMIT 1')).records).toHaveLength(1);

    const badPassword = await failure(oauth2().authenticate(integration.username, 'nope'));
    expect([badPassword.name, badPassword.message]).toEqual(['invalid_grant', 'authentication failure']);
    const badClient = await failure(
      oauth2({ clientId: 'unknown-client' }).authenticate(integration.username, integration.password + integration.securityToken),
    );
    expect([badClient.name, badClient.message]).toEqual(['invalid_client_id', 'client identifier invalid']);
    const badSecret = await failure(oauth2({ clientSecret: 'wrong' }).authenticate(integration.username, integration.password + integration.securityToken));
    expect([badSecret.name, badSecret.message]).toEqual(['invalid_client', 'invalid client credentials']);
  });

  it('password flow refuses frozen users with invalid_grant', async () => {
    const agent = user('agent2');
    await fetch(`${emulator.url}/__emulator/users/${agent.username}/state`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ frozen: true }),
    });
    const error = await failure(oauth2().authenticate(agent.username, agent.password + agent.securityToken));
    expect([error.name, error.message]).toEqual(['invalid_grant', 'inactive user']);
  });

  it('client_credentials flow runs as the connected app run-as user', async () => {
    const token = await oauth2().requestToken({ grant_type: 'client_credentials' });
    const conn = new Connection({ instanceUrl: token.instance_url, accessToken: token.access_token, version: API_VERSION });
    const info = await conn.request<{ user_id: string }>('/services/oauth2/userinfo');
    expect(info.user_id).toBe(seed().connectedApp.runAsUserId);
    expect(token.id).toBe(`${emulator.url}/id/${seed().org.id}/${seed().connectedApp.runAsUserId}`);
    const error = await failure(oauth2({ clientSecret: 'wrong' }).requestToken({ grant_type: 'client_credentials' }));
    expect(error.name).toBe('invalid_client');
  });

  it('JWT bearer flow verifies the RS256 signature, issuer, subject, audience and expiry', async () => {
    const app = seed().connectedApp;
    const integration = user('integration');
    const claims = { iss: app.clientId, sub: integration.username, aud: 'https://login.salesforce.com', exp: nowSeconds() + 180 };
    const noClient = new OAuth2({ loginUrl: emulator.url });
    const token = await noClient.requestToken({ grant_type: JWT_BEARER, assertion: jwtAssertion(claims, app.privateKeyPem) });
    expect(token.access_token).toMatch(/^00D/);
    expect(token.id).toBe(`${emulator.url}/id/${seed().org.id}/${integration.id}`);
    // Some clients send exp as a numeric string; Salesforce's token endpoint takes it as the number.
    const stringExp = await noClient.requestToken({
      grant_type: JWT_BEARER,
      assertion: jwtAssertion({ ...claims, exp: String(claims.exp) }, app.privateKeyPem),
    });
    expect(stringExp.access_token).toMatch(/^00D/);

    const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const cases: [Record<string, unknown>, string, string, string][] = [
      [claims, otherKey, 'invalid_grant', 'invalid assertion'],
      [{ ...claims, aud: 'https://test.salesforce.com' }, app.privateKeyPem, 'invalid_grant', 'audience is invalid'],
      [{ ...claims, exp: nowSeconds() - 600 }, app.privateKeyPem, 'invalid_grant', 'expired authorization code'],
      [{ ...claims, exp: String(nowSeconds() - 600) }, app.privateKeyPem, 'invalid_grant', 'expired authorization code'],
      [{ ...claims, exp: 'tomorrow' }, app.privateKeyPem, 'invalid_grant', 'expired authorization code'],
      [{ ...claims, sub: 'nobody@example.com' }, app.privateKeyPem, 'invalid_grant', "user hasn't approved this consumer"],
      [{ ...claims, iss: 'unknown-client' }, app.privateKeyPem, 'invalid_client_id', 'client identifier invalid'],
    ];
    for (const [badClaims, key, name, message] of cases) {
      const error = await failure(noClient.requestToken({ grant_type: JWT_BEARER, assertion: jwtAssertion(badClaims, key) }));
      expect([error.name, error.message]).toEqual([name, message]);
    }
  });

  it('JWT bearer accepts the emulator login URL as audience and the sandbox host only for sandbox orgs', async () => {
    const app = seed().connectedApp;
    const claims = { iss: app.clientId, sub: user('integration').username, aud: emulator.url, exp: nowSeconds() + 60 };
    const token = await new OAuth2({ loginUrl: emulator.url }).requestToken({ grant_type: JWT_BEARER, assertion: jwtAssertion(claims, app.privateKeyPem) });
    expect(token.access_token).toBeTruthy();
    const sandboxClaims = { ...claims, aud: 'https://test.salesforce.com' };
    const error = await failure(
      new OAuth2({ loginUrl: emulator.sandboxLoginUrl }).requestToken({ grant_type: JWT_BEARER, assertion: jwtAssertion(sandboxClaims, app.privateKeyPem) }),
    );
    expect(error.message).toBe("user hasn't approved this consumer");
  });

  it('refresh_token flow issues new access tokens until the refresh token is revoked', async () => {
    const tokens = (await (
      await fetch(`${emulator.url}/__emulator/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: user('agent1').username }),
      })
    ).json()) as { refreshToken: string; accessToken: string };
    const client = oauth2();
    const refreshed = await client.refreshToken(tokens.refreshToken);
    expect(refreshed.access_token).not.toBe(tokens.accessToken);
    // jsforce refreshes an expired session by itself when it holds a refresh token.
    const conn = new Connection({
      oauth2: client,
      instanceUrl: emulator.url,
      accessToken: 'expired-token',
      refreshToken: tokens.refreshToken,
      version: API_VERSION,
    });
    expect((await conn.query('SELECT COUNT() FROM Case')).totalSize).toBe(50);

    await client.revokeToken(tokens.refreshToken);
    const error = await failure(client.refreshToken(tokens.refreshToken));
    expect([error.name, error.message]).toEqual(['invalid_grant', 'expired access/refresh token']);
  });

  it('answers unsupported_grant_type for unknown grants', async () => {
    const error = await failure(oauth2().requestToken({ grant_type: 'magic' }));
    expect([error.name, error.message]).toEqual(['unsupported_grant_type', 'grant type not supported']);
  });

  it('serves userinfo and revokes access tokens', async () => {
    const conn = await soapConnection(emulator, 'agent3');
    const info = await conn.request<{ user_id: string; preferred_username: string; organization_id: string }>(`${emulator.url}/services/oauth2/userinfo`);
    expect(info).toMatchObject({ user_id: user('agent3').id, preferred_username: user('agent3').username, organization_id: seed().org.id });
    await oauth2().revokeToken(conn.accessToken!);
    const error = await failure(withoutRelogin(conn).query('SELECT Id FROM Case LIMIT 1'));
    expect(error.name).toBe('INVALID_SESSION_ID');
  });
});

describe('sessions', () => {
  it('answers 401 INVALID_SESSION_ID for expired, idle or frozen-user sessions', async () => {
    const conn = withoutRelogin(await soapConnection(emulator));
    await fetch(`${emulator.url}/__emulator/sessions/expire`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const error = await failure(conn.sobject('Case').retrieve(seed().caseIds[0]!));
    expect(error.name).toBe('INVALID_SESSION_ID');
    expect(error.message).toBe('Session expired or invalid');

    const idle = withoutRelogin(await soapConnection(emulator));
    await fetch(`${emulator.url}/__emulator/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceMs: 2 * 60 * 60 * 1000 + 1000 }),
    });
    expect((await failure(idle.query('SELECT Id FROM Case'))).name).toBe('INVALID_SESSION_ID');

    const agent = withoutRelogin(await soapConnection(emulator, 'agent1'));
    await fetch(`${emulator.url}/__emulator/users/${user('agent1').id}/state`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ frozen: true }),
    });
    expect((await failure(agent.query('SELECT Id FROM Case'))).name).toBe('INVALID_SESSION_ID');
  });

  it('answers 401 with the raw Salesforce body', async () => {
    const response = await fetch(`${emulator.url}/services/data/v${API_VERSION}/sobjects`, { headers: { authorization: 'Bearer 00Dbogus!token' } });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
  });
});

describe('@salesforce/core', () => {
  it('builds AuthInfo, Connection and Org from an access token and instance URL', async () => {
    const conn = await soapConnection(emulator);
    const authInfo = await AuthInfo.create({ accessTokenOptions: { accessToken: conn.accessToken!, instanceUrl: emulator.url, loginUrl: emulator.url } });
    expect(authInfo.getUsername()).toBe(user('integration').username);
    expect(authInfo.getFields().orgId).toBe(seed().org.id);
    const coreConnection = await CoreConnection.create({ authInfo });
    coreConnection.setApiVersion(API_VERSION);
    const result = await coreConnection.query<{ Subject: string }>("SELECT Subject FROM Case WHERE Status = 'Closed'");
    expect(result.totalSize).toBeGreaterThan(0);
    const org = await Org.create({ connection: coreConnection });
    expect(org.getOrgId()).toBe(seed().org.id);
    const organization = await org.retrieveOrganizationInformation();
    expect(organization.IsSandbox).toBe(false);
    expect(await org.isSandbox()).toBe(false);
  });
});
