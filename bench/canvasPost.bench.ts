/**
 * `npm run bench:canvas [-- --loads N]`: what proving a Canvas request live costs a page load.
 *
 * The app in demo mode (both emulators in this process, as `npm start` runs it) receives N
 * signed-request POSTs to /canvas/console, as Salesforce sends them when an agent opens a Case:
 * - cold: each with a token the app has not seen, so each costs one call to the org's
 *   `/services/oauth2/userinfo` (here the Salesforce emulator, over a loopback socket);
 * - warm: N reloads with one token, answered from the live-answer cache (no call).
 * The two are interleaved in chunks so both see the same machine load. Prints the medians and
 * 95th percentiles of the time from POST to the last byte of the page, the userinfo calls the
 * emulator counted, and writes bench/results/canvas-post.json. Against a real org the cold
 * figure adds one round trip to the org's My Domain.
 */
import fs from 'node:fs';
import path from 'node:path';
import { signCanvasRequest } from '../server/security/canvasSignedRequest';
import { startDemoApp } from '../server/testing/demoApp';

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  if (index === -1) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} needs a positive integer`);
  return value;
}

const LOADS = argument('loads', 300);
const CHUNK = 20;
const SECRET = 'bench-consumer-secret';

const app = await startDemoApp();
try {
  const salesforce = app.emulators.salesforce;
  const seed = salesforce.seedInfo();
  const agent = seed.users.find((user) => user.role === 'agent');
  const caseId = seed.caseIds[0];
  if (!agent || !caseId) throw new Error('The demo org has no agent or no Case');
  await app.ctx.connections.saveCanvas({ ...(await app.ctx.connections.canvas()), consumerSecret: SECRET });

  const token = async (): Promise<string> => {
    const reply = await fetch(`${salesforce.url}/__emulator/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: agent.username }),
    });
    return ((await reply.json()) as { accessToken: string }).accessToken;
  };
  const signed = (oauthToken: string) =>
    signCanvasRequest(
      {
        algorithm: 'HMACSHA256',
        issuedAt: null,
        userId: agent.id,
        client: { oauthToken, instanceUrl: salesforce.url, targetOrigin: salesforce.url },
        context: {
          user: { userId: agent.id, profileId: null },
          environment: { displayLocation: 'RecordPage', record: { Id: caseId, attributes: { type: 'Case' } } },
          organization: { organizationId: seed.org.id },
        },
      },
      SECRET,
    );
  /** One page load: milliseconds from the POST to the page's last byte. */
  const load = async (signedRequest: string): Promise<number> => {
    const started = performance.now();
    const reply = await fetch(`${app.url}/canvas/console`, { method: 'POST', body: new URLSearchParams({ signed_request: signedRequest }) });
    const page = await reply.text();
    const elapsed = performance.now() - started;
    if (reply.status !== 200 || !page.includes('pdsc-agent-token')) throw new Error(`The console was refused: HTTP ${reply.status}`);
    return elapsed;
  };
  const userInfoCalls = () => salesforce.context.requestLog.entries(1_000_000).filter((entry) => entry.path === '/services/oauth2/userinfo').length;

  // Fresh tokens are issued up front, so issuing them is not timed.
  const coldRequests = await Promise.all(Array.from({ length: LOADS }, async () => signed(await token())));
  const warmRequest = signed(await token());
  for (let i = 0; i < 20; i++) await load(signed(await token())); // JIT warm-up
  await load(warmRequest); // the warm token's one call

  const callsBefore = userInfoCalls();
  const cold: number[] = [];
  const warm: number[] = [];
  for (let offset = 0; offset < LOADS; offset += CHUNK) {
    for (const request of coldRequests.slice(offset, offset + CHUNK)) cold.push(await load(request));
    for (let i = offset; i < Math.min(offset + CHUNK, LOADS); i++) warm.push(await load(warmRequest));
  }
  const calls = userInfoCalls() - callsBefore;

  const percentile = (values: number[], p: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(2));
  };
  const result = {
    loads_each: LOADS,
    cold_median_ms: percentile(cold, 50),
    cold_p95_ms: percentile(cold, 95),
    warm_median_ms: percentile(warm, 50),
    warm_p95_ms: percentile(warm, 95),
    userinfo_calls: calls,
    method: `POST /canvas/console to the demo app, sequential, interleaved in chunks of ${CHUNK}: cold = a new token per load (one userinfo call each to the in-process Salesforce emulator), warm = one token reloaded (cached live answer); after 20 warm-up loads`,
    node: process.version,
  };
  console.table({
    cold: { median_ms: result.cold_median_ms, p95_ms: result.cold_p95_ms },
    warm: { median_ms: result.warm_median_ms, p95_ms: result.warm_p95_ms },
  });
  console.log(`userinfo calls during the run: ${calls} (expected ${LOADS}: one per cold load, none per warm one)`);
  fs.mkdirSync(path.join(import.meta.dirname, 'results'), { recursive: true });
  fs.writeFileSync(path.join(import.meta.dirname, 'results', 'canvas-post.json'), JSON.stringify(result, null, 2) + '\n');
  console.log(`wrote ${path.join('bench', 'results', 'canvas-post.json')}`);
} finally {
  await app.close();
}
