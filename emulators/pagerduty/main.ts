import { portFromArgs } from '../shared/server';
import { startPagerDutyEmulator } from './index';

// `npm run emulator:pagerduty -- --port 4020`: a standalone emulator for the demo and manual tries.
const port = portFromArgs(process.argv.slice(2), process.env.PD_EMULATOR_PORT, 4020);
const host = process.env.PD_EMULATOR_HOST ?? '127.0.0.1';
const rateLimitArg = process.argv.includes('--no-rate-limit') ? false : undefined;

const emulator = await startPagerDutyEmulator({ port, host, rateLimitPerMinute: rateLimitArg });
const seed = emulator.seedInfo();
console.log(`PagerDuty emulator listening on ${emulator.url}`);
console.log(`  console:        ${emulator.url}/`);
console.log(`  account key:    ${seed.keys.account}   (send From: ${seed.integrationUserEmail})`);
console.log(`  user key:       ${seed.keys.user}   (acts as ${seed.keys.userEmail})`);
console.log(`  read-only key:  ${seed.keys.readOnly}`);
console.log(`  control API:    ${emulator.url}/__emulator/seed`);

const stop = (): void => {
  void emulator.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
