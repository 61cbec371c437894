import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { DemoApp } from './demoApp';

const BUILT_CONSOLE = path.resolve(import.meta.dirname, '../../dist/web/console/index.html');

/** The agent token comes with the built console page: builds the web UI when this checkout has not yet. */
export function ensureBuiltConsole(): void {
  if (!fs.existsSync(BUILT_CONSOLE)) execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
}

/**
 * An agent token as Salesforce's Case page obtains it: the emulator's Service Console signs a
 * Canvas request for the demo org's agent on its first Case, POSTed to the app's console page,
 * which carries the token. Needs the built console (`ensureBuiltConsole`).
 */
export async function agentTokenFromCanvas(app: DemoApp): Promise<string> {
  const salesforce = app.emulators.salesforce;
  const seed = salesforce.seedInfo();
  const agent = seed.users.find((user) => user.role === 'agent');
  if (!agent) throw new Error('The demo org has no agent');
  const signed = await fetch(`${salesforce.url}/__emulator/console/cases/${seed.caseIds[0]}/canvas`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: agent.id }),
  });
  const { apps } = (await signed.json()) as { apps: { canvasUrl: string; signedRequest: string }[] };
  const canvasApp = apps[0];
  if (!canvasApp) throw new Error('The demo registered no Canvas app');
  const page = await fetch(canvasApp.canvasUrl, { method: 'POST', body: new URLSearchParams({ signed_request: canvasApp.signedRequest }) });
  const token = /name="pdsc-agent-token" content="([^"]+)"/.exec(await page.text())?.[1];
  if (page.status !== 200 || !token) throw new Error(`The console page carries no agent token (HTTP ${page.status})`);
  return token;
}
