import { parseArgs } from 'node:util';
import { portFrom, tlsRequested } from '../../lib/listen';
import { generateLocalCertificate, removeTempCaFile, writeCaFile } from '../../lib/localTls';
import { startSalesforceEmulator } from './index';

// `npm run emulator:salesforce -- --port 4010 [--host 0.0.0.0] [--sandbox] [--seed empty] [--tls]`
// (`--tls` or SF_EMULATOR_TLS=true: HTTPS with a certificate made at start, its CA file printed)
try {
  // An unknown option fails with parseArgs's own message naming it.
  const { values: args } = parseArgs({
    options: { port: { type: 'string' }, host: { type: 'string' }, seed: { type: 'string' }, sandbox: { type: 'boolean' }, tls: { type: 'boolean' } },
  });
  const seed = args.seed ?? 'demo';
  if (seed !== 'demo' && seed !== 'empty') throw new Error(`Unknown seed "${seed}": use demo or empty`);
  const host = args.host ?? '127.0.0.1';
  const tls = tlsRequested(args.tls, process.env.SF_EMULATOR_TLS) ? await generateLocalCertificate({ host }) : undefined;
  const emulator = await startSalesforceEmulator({
    port: portFrom(args.port, process.env.SF_EMULATOR_PORT, 4010),
    host,
    seed,
    sandbox: args.sandbox ?? false,
    ...(tls ? { tls } : {}),
  });
  const caFile = tls ? writeCaFile(tls) : undefined;
  const info = emulator.seedInfo();
  const lines = [
    `Salesforce emulator listening on ${emulator.url}`,
    `  console:    ${emulator.url}/`,
    `  login URL:  ${emulator.loginUrl} (${info.org.sandbox ? 'sandbox' : 'production'}; the other host is ${info.org.sandbox ? emulator.url : emulator.sandboxLoginUrl})`,
    `  org:        ${info.org.name} (${info.org.id})`,
    `  connected app client id: ${info.connectedApp.clientId}`,
    `  connected app secret:    ${info.connectedApp.clientSecret}`,
    '  users (username / password / security token):',
    ...info.users.map((user) => `    ${user.role.padEnd(11)} ${user.username} / ${user.password} / ${user.securityToken}`),
    `  full credentials incl. the JWT private key: GET ${emulator.url}/__emulator/seed`,
    ...(caFile ? [`  TLS: self-signed for localhost and 127.0.0.1; trust this CA file: ${caFile}`] : []),
  ];
  console.log(lines.join('\n'));
  const stop = () => {
    if (caFile) removeTempCaFile(caFile);
    void emulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Started by a parent over IPC (the pipeline benchmark): stop when that parent goes away,
  // however it ended, so no orphaned emulator keeps running on the shared machine.
  process.on('disconnect', stop);
} catch (error) {
  console.error(`Could not start the Salesforce emulator: ${(error as Error).message}`);
  process.exit(1);
}
