import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSalesforceEmulator, type SalesforceEmulator } from '../index';

/** Canvas apps: registered through the control API, signed for the acting user on a Case page. */
let emulator: SalesforceEmulator;
beforeAll(async () => {
  emulator = await startSalesforceEmulator({ port: 0, seed: 'demo' });
});
afterAll(() => emulator.close());

const post = (path: string, body: unknown) =>
  fetch(emulator.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('Canvas apps', () => {
  it('registers an app through the control API and never answers its secret back', async () => {
    const app = { name: 'Console', canvasUrl: 'https://app.example/canvas/console', consumerSecret: 'the-consumer-secret', locations: ['RecordPage'] };
    expect((await post('/__emulator/canvas-apps', app)).status).toBe(201);
    const listed = await (await fetch(`${emulator.url}/__emulator/canvas-apps`)).text();
    expect(JSON.parse(listed)).toEqual({ canvasApps: [{ name: 'Console', canvasUrl: app.canvasUrl, locations: ['RecordPage'] }] });
    expect(listed).not.toContain('the-consumer-secret');
    expect((await post('/__emulator/canvas-apps', { ...app, locations: ['Desktop'] })).status).toBe(400);
  });

  it('signs a CanvasRequest for the acting user and the Case, with the consumer secret', async () => {
    const seed = emulator.seedInfo();
    const agent = seed.users.find((user) => user.role === 'agent')!;
    const caseId = seed.caseIds[0]!;
    const reply = await post(`/__emulator/console/cases/${caseId}/canvas`, { userId: agent.id });
    expect(reply.status).toBe(200);
    const { apps } = (await reply.json()) as { apps: { name: string; canvasUrl: string; signedRequest: string }[] };
    expect(apps.map((app) => app.name)).toEqual(['Console']);
    const [signature, envelope] = apps[0]!.signedRequest.split('.') as [string, string];
    expect(signature).toBe(crypto.createHmac('sha256', 'the-consumer-secret').update(envelope).digest('base64'));
    const request = JSON.parse(Buffer.from(envelope, 'base64').toString('utf8')) as Record<string, unknown>;
    expect(request).toMatchObject({
      algorithm: 'HMACSHA256',
      userId: agent.id,
      client: { instanceUrl: emulator.url, targetOrigin: emulator.url },
      context: {
        user: { userId: agent.id, profileId: expect.stringMatching(/^00e/) as unknown },
        environment: { displayLocation: 'RecordPage', record: { Id: caseId, attributes: { type: 'Case' } } },
        organization: { organizationId: seed.org.id },
      },
    });
    // The OAuth token is a real session of the agent.
    const token = (request.client as { oauthToken: string }).oauthToken;
    const me = await fetch(`${emulator.url}/services/oauth2/userinfo`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await me.json()) as { user_id: string }).user_id).toBe(agent.id);
  });

  it("signs the user's one live token for the app, issuedAt its issue time, and a new one once it ended; userinfo answers it without API Enabled", async () => {
    const seed = emulator.seedInfo();
    const agent = seed.users.find((user) => user.role === 'agent')!;
    const envelopeOf = async (caseId: string) => {
      const reply = await post(`/__emulator/console/cases/${caseId}/canvas`, { userId: agent.id });
      const { apps } = (await reply.json()) as { apps: { signedRequest: string }[] };
      const request = JSON.parse(Buffer.from(apps[0]!.signedRequest.split('.')[1]!, 'base64').toString('utf8')) as {
        issuedAt: number;
        client: { oauthToken: string };
      };
      return { token: request.client.oauthToken, issuedAt: request.issuedAt };
    };
    const first = await envelopeOf(seed.caseIds[0]!);
    const again = await envelopeOf(seed.caseIds[1]!);
    expect(again).toEqual(first);

    // Agents seldom have API Enabled: the identity service answers a user about themselves all the same.
    await post(`/__emulator/users/${agent.id}/state`, { apiEnabled: false });
    try {
      const me = await fetch(`${emulator.url}/services/oauth2/userinfo`, { headers: { authorization: `Bearer ${first.token}` } });
      expect(me.status).toBe(200);
      expect((await me.json()) as object).toMatchObject({ user_id: agent.id, organization_id: seed.org.id });
    } finally {
      await post(`/__emulator/users/${agent.id}/state`, { apiEnabled: true });
    }

    await post('/__emulator/sessions/expire', { user: agent.id });
    const ended = await fetch(`${emulator.url}/services/oauth2/userinfo`, { headers: { authorization: `Bearer ${first.token}` } });
    expect(ended.status).toBe(403);
    expect(await ended.text()).toBe('Bad_OAuth_Token');
    const renewed = await envelopeOf(seed.caseIds[0]!);
    expect(renewed.token).not.toBe(first.token);
  });

  it('answers 404 for an unknown Case', async () => {
    const agent = emulator.seedInfo().users.find((user) => user.role === 'agent')!;
    expect((await post('/__emulator/console/cases/500000000000000AAA/canvas', { userId: agent.id })).status).toBe(404);
  });

  it("signs the utility bar's apps for the acting user with no record, and lists only them", async () => {
    const dashboard = {
      name: 'Dashboard',
      canvasUrl: 'https://app.example/canvas/dashboard',
      consumerSecret: 'the-consumer-secret',
      locations: ['UtilityBar'],
    };
    expect((await post('/__emulator/canvas-apps', dashboard)).status).toBe(201);
    const agent = emulator.seedInfo().users.find((user) => user.role === 'agent')!;
    const reply = await post('/__emulator/console/utility-bar/canvas', { userId: agent.id });
    expect(reply.status).toBe(200);
    const { apps } = (await reply.json()) as { apps: { name: string; signedRequest: string }[] };
    expect(apps.map((app) => app.name)).toEqual(['Dashboard']);
    const envelope = apps[0]!.signedRequest.split('.')[1]!;
    const request = JSON.parse(Buffer.from(envelope, 'base64').toString('utf8')) as { context: { environment: unknown } };
    expect(request.context.environment).toMatchObject({ displayLocation: 'UtilityBar', record: null });
    expect((await post('/__emulator/console/utility-bar/canvas', { userId: '005000000000000AAA' })).status).toBe(404);
  });

  it('serves the Canvas SDK that framed apps load from the instance URL', async () => {
    const reply = await fetch(`${emulator.url}/canvas/sdk/js/62.0/canvas-all.js`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toContain('javascript');
    expect(await reply.text()).toContain('refreshSignedRequest');
  });
});
