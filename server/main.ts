// First: a clear message on an unsupported Node.js, before any dependency loads.
import './requireNode';
import { parseArgs } from 'node:util';
import { tlsRequested } from '../lib/listen';
import { ConfigError, loadConfig, PROXY_VARIABLES } from './config';
import { loadEnvFileIfPresent } from './envFile';
import { startApp } from './start';

/** `npm start`: validate the environment, start, print where to go, stop cleanly on signals. */
async function main(): Promise<void> {
  // `.env` beside the app, when there is one (as `node --env-file-if-exists`); what the environment sets wins.
  loadEnvFileIfPresent();
  let tls: boolean | undefined;
  try {
    ({ tls } = parseArgs({ options: { tls: { type: 'boolean' } } }).values);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\nThe one option is --tls (npm start -- --tls).\n`);
    process.exit(1);
  }
  let config;
  try {
    // `npm start -- --tls` is DEMO_TLS=true.
    config = loadConfig(tlsRequested(tls, undefined) ? { ...process.env, DEMO_TLS: 'true' } : process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nFix the variables above (see README › Configuration) and start again.\n`);
      process.exit(1);
    }
    throw error;
  }
  // The app passes its proxy decision (NO_PROXY included) to every client; jsforce and faye would
  // otherwise find these variables themselves and proxy hosts NO_PROXY exempts.
  for (const name of PROXY_VARIABLES) Reflect.deleteProperty(process.env, name);
  const app = await startApp(config, { demoStarterRulesets: true });
  const lines = [
    '',
    `  PagerDuty Configuration is running${app.ctx.demo ? ' in demo mode' : ''}:`,
    `    App:                  ${config.port === 0 ? app.url : config.publicUrl}`,
  ];
  if (app.emulators) {
    lines.push(`    Salesforce emulator:  ${app.emulators.salesforce.url}`, `    PagerDuty emulator:   ${app.emulators.pagerduty.url}`);
    if (app.emulators.tls) lines.push(`    Emulators' CA file:   ${app.emulators.tls.caFile}   (self-signed at start; trust it in other clients)`);
  }
  lines.push('', '  Sign in (one-time link, valid 24 hours):', `    ${app.signInUrl}`, '');
  // The link goes to the terminal only, never to the structured log.
  process.stdout.write(lines.join('\n') + '\n');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.ctx.logger.info({ signal }, 'shutting down');
    // Exit by a deadline whatever hangs, before an orchestrator's SIGKILL (Kubernetes: 30 s):
    // jobs not handed back by then are taken over when their lease expires.
    setTimeout(() => {
      app.ctx.logger.error({ deadlineMs: EXIT_DEADLINE_MS }, 'shutdown did not finish by its deadline; exiting now');
      process.exit(1);
    }, EXIT_DEADLINE_MS).unref();
    await app.close();
    app.ctx.logger.info('shut down');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** How long a shutdown may take: the worker's 10 s grace, the HTTP drain's 5 s, and closing. */
const EXIT_DEADLINE_MS = 25_000;

main().catch((error: unknown) => {
  process.stderr.write(`Could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
