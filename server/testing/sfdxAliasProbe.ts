/**
 * Run in its own process with HOME pointing at an empty temp dir (see sfdx.integration.test.ts):
 * authorizes an org the way `sf org login` leaves it (an auth file and an alias, written by
 * @salesforce/core), then connects in the app's `sfdx` mode by alias. Prints one JSON line.
 */
import { AuthInfo, StateAggregator } from '@salesforce/core';
import jsforce from 'jsforce';
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
  const unknown = await testSalesforceConnection(
    { ...emptySalesforceSettings(), authMode: 'sfdx', alias: 'no-such-org', apiVersion: '62.0' },
    OutboundProxy.direct,
  );
  process.stdout.write(JSON.stringify({ ok, unknown, username: authInfo.getUsername() }) + '\n');
} finally {
  await emulator.close();
}
