import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPagerDutyEmulator, type PagerDutyEmulator } from './index';

/**
 * Links the emulator returns. `self` follows `X-Forwarded-Proto` / `X-Forwarded-Host`, so a client
 * behind a TLS proxy gets URLs on its own base (PagerDuty's own `self` is on the base the client
 * called, https://api.pagerduty.com). `html_url` has PagerDuty's shape with a subdomain
 * (`https://subdomain.pagerduty.com/incidents/{id}`, `/service-directory/{id}`,
 * `/incidents/{id}/log_entries/{id}`, as the `html_url` examples of PagerDuty's API reference,
 * developer.pagerduty.com/api-reference, show them); without one it stays clickable:
 * `{emulator}/incidents/{id}` opens the console in a browser and is the REST resource to API calls.
 */
const json = 'application/vnd.pagerduty+json;version=2';

function client(emulator: PagerDutyEmulator) {
  const seed = emulator.seedInfo();
  return (method: string, path: string, headers: Record<string, string> = {}, body?: unknown) =>
    fetch(`${emulator.url}${path}`, {
      method,
      headers: {
        authorization: `Token token=${seed.keys.account}`,
        accept: json,
        from: seed.integrationUserEmail,
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
}

const newIncident = (serviceId: string) => ({ incident: { type: 'incident', title: 'Links', service: { id: serviceId, type: 'service_reference' } } });

describe('links without a subdomain (demo, tests)', () => {
  let emulator: PagerDutyEmulator;
  let call: ReturnType<typeof client>;
  beforeAll(async () => {
    emulator = await startPagerDutyEmulator();
    call = client(emulator);
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('self and html_url are on the emulator base when no proxy forwards', async () => {
    const { incidents } = (await (await call('GET', '/incidents?limit=1')).json()) as { incidents: { id: string; self: string; html_url: string }[] };
    const [incident] = incidents;
    expect(incident!.self).toBe(`${emulator.url}/incidents/${incident!.id}`);
    expect(incident!.html_url).toBe(`${emulator.url}/incidents/${incident!.id}`);
  });

  it('self follows X-Forwarded-Proto and X-Forwarded-Host, on reads and on writes with a body', async () => {
    const proxied = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'pd.proxy.example:8443' };
    const read = (await (await call('GET', '/incidents?limit=1', proxied)).json()) as { incidents: { id: string; self: string; service: { self: string } }[] };
    expect(read.incidents[0]!.self).toBe(`https://pd.proxy.example:8443/incidents/${read.incidents[0]!.id}`);
    expect(read.incidents[0]!.service.self).toMatch(/^https:\/\/pd\.proxy\.example:8443\/services\//);

    const serviceId = emulator.seedInfo().ids.services['Customer Support']!;
    const created = await call('POST', '/incidents', proxied, newIncident(serviceId));
    expect(created.status).toBe(201);
    const { incident } = (await created.json()) as { incident: { id: string; self: string; html_url: string } };
    expect(incident.self).toBe(`https://pd.proxy.example:8443/incidents/${incident.id}`);
    expect(incident.html_url).toBe(`https://pd.proxy.example:8443/incidents/${incident.id}`);
  });

  it('takes the first hop of a proxy chain, a scheme alone keeps the host, and ignores values that are no scheme or host', async () => {
    const first = async (headers: Record<string, string>) =>
      ((await (await call('GET', '/incidents?limit=1', headers)).json()) as { incidents: { self: string }[] }).incidents[0]!.self;
    expect(await first({ 'x-forwarded-proto': 'https, http', 'x-forwarded-host': 'edge.example, inner.example' })).toMatch(
      /^https:\/\/edge\.example\/incidents\//,
    );
    expect(await first({ 'x-forwarded-proto': 'https' })).toBe(`${emulator.url.replace(/^http:/, 'https:')}${new URL(await first({})).pathname}`);
    expect(await first({ 'x-forwarded-host': 'evil.example/path?x=' })).toMatch(new RegExp(`^${emulator.url}/incidents/`));
    expect(await first({ 'x-forwarded-proto': 'javascript' })).toMatch(new RegExp(`^${emulator.url}/incidents/`));
  });

  it('html_url opens the console for a browser (text/html, no API key); API calls to it get the incident', async () => {
    const { incidents } = (await (await call('GET', '/incidents?limit=1')).json()) as { incidents: { id: string; html_url: string }[] };
    const { id, html_url: htmlUrl } = incidents[0]!;
    const page = await fetch(htmlUrl, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('<script type="module" src="/console.js"></script>');

    const api = await call('GET', `/incidents/${id}`);
    expect(api.status).toBe(200);
    expect(((await api.json()) as { incident: { id: string } }).incident.id).toBe(id);
    // An API key means an API call, whatever it accepts; without one the REST API still refuses.
    const keyed = await call('GET', `/incidents/${id}`, { accept: 'text/html' });
    expect(keyed.headers.get('content-type')).not.toMatch(/^text\/html/);
    expect((await fetch(htmlUrl, { headers: { accept: json } })).status).toBe(401);
  });
});

describe('links with a subdomain', () => {
  let emulator: PagerDutyEmulator;
  let call: ReturnType<typeof client>;
  beforeAll(async () => {
    emulator = await startPagerDutyEmulator({ subdomain: 'acme' });
    call = client(emulator);
  });
  afterAll(async () => {
    await emulator.close();
  });

  it("html_url has PagerDuty's shape per kind; self stays on the API base", async () => {
    const { incidents } = (await (await call('GET', '/incidents?limit=1&include[]=first_trigger_log_entries')).json()) as {
      incidents: {
        id: string;
        self: string;
        html_url: string;
        service: { id: string; html_url: string };
        first_trigger_log_entry: { id: string; html_url: string };
      }[];
    };
    const incident = incidents[0]!;
    expect(incident.html_url).toBe(`https://acme.pagerduty.com/incidents/${incident.id}`);
    expect(incident.self).toBe(`${emulator.url}/incidents/${incident.id}`);
    expect(incident.service.html_url).toBe(`https://acme.pagerduty.com/service-directory/${incident.service.id}`);
    const entries = (await (await call('GET', `/incidents/${incident.id}/log_entries`)).json()) as { log_entries: { id: string; html_url: string }[] };
    expect(entries.log_entries[0]!.html_url).toBe(`https://acme.pagerduty.com/incidents/${incident.id}/log_entries/${entries.log_entries[0]!.id}`);
    const { users } = (await (await call('GET', '/users?limit=1')).json()) as { users: { id: string; html_url: string }[] };
    expect(users[0]!.html_url).toBe(`https://acme.pagerduty.com/users/${users[0]!.id}`);
  });

  it('refuses a subdomain that is not one, saying what is allowed', async () => {
    await expect(startPagerDutyEmulator({ subdomain: 'acme.evil/x' })).rejects.toThrow(/letters, digits and inner hyphens/);
  });
});
