import { parseArgs } from 'node:util';
import { portFrom, tlsRequested } from '../../lib/listen';
import { generateLocalCertificate, removeTempCaFile, writeCaFile } from '../../lib/localTls';
import { startPagerDutyEmulator } from './index';
import { SEED_NAMES, type SeedName } from './seed';

// `npm run emulator:pagerduty -- --port 4020 [--seed empty] [--no-rate-limit] [--tls]`: a standalone
// emulator for the demo, manual tries and the pipeline benchmark. `--tls` (or PD_EMULATOR_TLS=true)
// serves HTTPS with a certificate made at start and prints the CA file a client trusts.
let args;
try {
  // An unknown option fails with parseArgs's own message naming it.
  ({ values: args } = parseArgs({
    options: {
      port: { type: 'string' },
      seed: { type: 'string', default: 'demo' },
      'no-rate-limit': { type: 'boolean' },
      tls: { type: 'boolean' },
      subdomain: { type: 'string' },
    },
  }));
} catch (error) {
  console.error(`Could not start the PagerDuty emulator: ${(error as Error).message}`);
  process.exit(1);
}
const port = portFrom(args.port, process.env.PD_EMULATOR_PORT, 4020);
const host = process.env.PD_EMULATOR_HOST ?? '127.0.0.1';
const rateLimitArg = args['no-rate-limit'] ? false : undefined;
const seedArg = args.seed;
if (!SEED_NAMES.includes(seedArg as SeedName)) {
  console.error(`Could not start the PagerDuty emulator: unknown seed "${seedArg}": use ${SEED_NAMES.join(' or ')}`);
  process.exit(1);
}

const tls = tlsRequested(args.tls, process.env.PD_EMULATOR_TLS) ? await generateLocalCertificate({ host }) : undefined;
// `--subdomain acme` (or PD_EMULATOR_SUBDOMAIN): html_url as https://acme.pagerduty.com/incidents/{id}.
const subdomain = args.subdomain ?? (process.env.PD_EMULATOR_SUBDOMAIN || undefined);
const emulator = await startPagerDutyEmulator({
  port,
  host,
  seed: seedArg as SeedName,
  rateLimitPerMinute: rateLimitArg,
  ...(tls ? { tls } : {}),
  ...(subdomain !== undefined ? { subdomain } : {}),
}).catch((error: unknown) => {
  console.error(`Could not start the PagerDuty emulator: ${(error as Error).message}`);
  process.exit(1);
});
const seed = emulator.seedInfo();
console.log(`PagerDuty emulator listening on ${emulator.url}`);
console.log(`  console:        ${emulator.url}/`);
console.log(`  account key:    ${seed.keys.account}   (send From: ${seed.integrationUserEmail})`);
console.log(`  user key:       ${seed.keys.user}   (acts as ${seed.keys.userEmail})`);
console.log(`  read-only key:  ${seed.keys.readOnly}`);
console.log(`  control API:    ${emulator.url}/__emulator/seed`);
const caFile = tls ? writeCaFile(tls) : undefined;
if (caFile) console.log(`  TLS CA file:    ${caFile}   (self-signed for localhost and 127.0.0.1: trust it, e.g. curl --cacert)`);

const stop = (): void => {
  if (caFile) removeTempCaFile(caFile);
  void emulator.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
// Started by a parent over IPC (the pipeline benchmark): stop when that parent goes away,
// however it ended, so no orphaned emulator keeps running on the shared machine.
process.on('disconnect', stop);
