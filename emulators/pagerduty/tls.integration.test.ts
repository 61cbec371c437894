import { Agent, fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateLocalCertificate } from '../../lib/localTls';
import { startPagerDutyEmulator, type PagerDutyEmulator } from './index';

/**
 * `--tls`: the emulator serves HTTPS with a certificate made at start. undici's fetch, told to
 * trust that certificate, drives the REST API over it (read, create, the `self` link followed);
 * without that trust the handshake is refused, so the certificate really is verified.
 */
let emulator: PagerDutyEmulator;
let trusting: Agent;

beforeAll(async () => {
  const certificate = await generateLocalCertificate();
  emulator = await startPagerDutyEmulator({ tls: certificate });
  trusting = new Agent({ connect: { ca: certificate.cert } });
}, 30_000);

afterAll(async () => {
  await trusting.close();
  await emulator.close();
});

const headers = () => ({
  authorization: `Token token=${emulator.seedInfo().keys.account}`,
  accept: 'application/vnd.pagerduty+json;version=2',
  'content-type': 'application/json',
  from: emulator.seedInfo().integrationUserEmail,
});

describe('PagerDuty emulator over TLS', () => {
  it('serves its REST API at an https:// base', async () => {
    expect(emulator.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${emulator.url}/services`, { headers: headers(), dispatcher: trusting });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { services: { name: string }[] };
    expect(body.services.map((service) => service.name)).toContain('Customer Support');
  });

  it('creates an incident over HTTPS and its self link is https on the same base', async () => {
    const serviceId = emulator.seedInfo().ids.services['Customer Support'];
    const created = await fetch(`${emulator.url}/incidents`, {
      method: 'POST',
      headers: headers(),
      dispatcher: trusting,
      body: JSON.stringify({ incident: { type: 'incident', title: 'Reached over TLS', service: { id: serviceId, type: 'service_reference' } } }),
    });
    expect(created.status).toBe(201);
    const { incident } = (await created.json()) as { incident: { id: string; self: string } };
    expect(incident.self).toBe(`${emulator.url}/incidents/${incident.id}`);
    const read = await fetch(incident.self, { headers: headers(), dispatcher: trusting });
    expect(read.status).toBe(200);
  });

  it('a client that does not trust the certificate is refused (self-signed)', async () => {
    const error = await fetch(`${emulator.url}/services`, { headers: headers() }).then(
      () => undefined,
      (failure: unknown) => failure as Error & { cause?: { code?: string } },
    );
    expect(error?.cause?.code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
  });
});
