/**
 * Run in its own process with HOME pointing at an empty temp dir (see sfdx.integration.test.ts):
 * authorizes an org the way `sf org login` leaves it (an auth file and an alias, written by
 * @salesforce/core), then connects in the app's `sfdx` mode by alias, directly and through a
 * forward proxy (the `proxy` package) that counts the requests it carries to the org. Prints one JSON line.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProxy } from 'proxy';
import { AuthInfo, StateAggregator } from '@salesforce/core';
import jsforce from '@jsforce/jsforce-node';
import { startSalesforceEmulator } from '../../emulators/salesforce';
import { testSalesforceConnection } from '../vendors/salesforce/checks';
import { emptySalesforceSettings } from '../store/connections';
import { OutboundProxy } from '../vendors/outboundProxy';

const emulator = await startSalesforceEmulator({ seed: 'demo' });
try {
  const user = emulator.seedInfo().users.find((candidate) => candidate.role === 'integration')!;
  const login = new jsforce.Connection({ loginUrl: emulator.url });
  await login.login(user.username, user.password + user.securityToken);
  const authInfo = await AuthInfo.create({
    accessTokenOptions: { accessToken: login.accessToken!, instanceUrl: login.instanceUrl, loginUrl: emulator.url },
  });
  await authInfo.save();
  const state = await StateAggregator.getInstance();
  await state.aliases.setAndSave('emulated-org', authInfo.getUsername());

  const ok = await testSalesforceConnection(
    { ...emptySalesforceSettings(), authMode: 'sfdx', alias: 'emulated-org', apiVersion: '62.0' },
    OutboundProxy.direct,
  );
  // CONNECT host:port for a tunnel, an absolute URL for a plain http:// request (how undici sends those).
  const carried: string[] = [];
  const proxy = createProxy(http.createServer());
  proxy.authenticate = (request) => {
    carried.push(request.method === 'CONNECT' ? (request.url ?? '') : URL.canParse(request.url ?? '') ? new URL(request.url ?? '').host : '');
    return true;
  };
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  const proxied = await testSalesforceConnection(
    { ...emptySalesforceSettings(), authMode: 'sfdx', alias: 'emulated-org', apiVersion: '62.0' },
    new OutboundProxy({ httpProxy: proxyUrl }),
  );
  proxy.closeAllConnections();
  proxy.close();
  const throughProxy = { result: proxied, carried: carried.filter((host) => host === new URL(emulator.url).host).length };
  const unknown = await testSalesforceConnection(
    { ...emptySalesforceSettings(), authMode: 'sfdx', alias: 'no-such-org', apiVersion: '62.0' },
    OutboundProxy.direct,
  );
  process.stdout.write(JSON.stringify({ ok, unknown, throughProxy, username: authInfo.getUsername() }) + '\n');
} finally {
  await emulator.close();
}
