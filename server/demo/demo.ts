import type { Logger } from 'pino';
import { errorMessage } from '../../lib/errorMessage';
import { startPagerDutyEmulator, type PagerDutyEmulator } from '../../emulators/pagerduty';
import { startSalesforceEmulator, type SalesforceEmulator } from '../../emulators/salesforce';
import type { AppConfig } from '../config';
import { envConfiguresConnections } from '../store/envConnections';
import type { ConnectionStore } from '../store/connections';
import type { Db } from '../store/db';
import { readSetting, writeSetting } from '../store/settings';

export interface DemoEmulators {
  salesforce: SalesforceEmulator;
  pagerduty: PagerDutyEmulator;
  close(): Promise<void>;
}

/** Where demo mode pointed the connections last time; a connection pointing elsewhere is real. */
interface DemoMarker {
  pagerdutyUrl: string;
  salesforceLoginUrl: string;
}
const DEMO_MARKER = 'demo_connections';

/**
 * Demo mode: with no real connection configured (environment or CONNECTIONS tab), start both
 * emulators in this process, reset them to their `demo` seed, and connect the app to them.
 * DEMO=true forces it, DEMO=false forbids it.
 */
export async function startDemo(config: AppConfig, db: Db, connections: ConnectionStore, logger: Logger): Promise<DemoEmulators | undefined> {
  if (!(await shouldRunDemo(config, db, connections))) return undefined;
  const salesforce = await startSalesforceEmulator({ port: config.emulatorPorts.salesforce, seed: 'demo' }).catch((error: unknown) => {
    throw new Error(
      `Demo mode could not start the Salesforce emulator on port ${config.emulatorPorts.salesforce}: ${errorMessage(error)}. Set SF_EMULATOR_PORT to a free port.`,
    );
  });
  const pagerduty = await startPagerDutyEmulator({ port: config.emulatorPorts.pagerduty, seed: 'demo' }).catch(async (error: unknown) => {
    await salesforce.close();
    throw new Error(
      `Demo mode could not start the PagerDuty emulator on port ${config.emulatorPorts.pagerduty}: ${errorMessage(error)}. Set PD_EMULATOR_PORT to a free port.`,
    );
  });

  const sfSeed = salesforce.seedInfo();
  const pdSeed = pagerduty.seedInfo();
  const integration = sfSeed.users.find((user) => user.role === 'integration');
  if (!integration) throw new Error('The Salesforce emulator demo seed has no integration user');
  await connections.savePagerDuty({ apiUrl: pagerduty.url, apiKey: pdSeed.keys.account, fromEmail: pdSeed.integrationUserEmail, updatedAt: null });
  const current = await connections.salesforce();
  await connections.saveSalesforce({
    ...current,
    authMode: 'password',
    environment: 'custom',
    loginUrl: salesforce.url,
    username: integration.username,
    password: integration.password,
    securityToken: integration.securityToken,
    clientId: sfSeed.connectedApp.clientId,
    clientSecret: sfSeed.connectedApp.clientSecret,
    alias: null,
  });
  await writeSetting(db, DEMO_MARKER, { pagerdutyUrl: pagerduty.url, salesforceLoginUrl: salesforce.url } satisfies DemoMarker);
  logger.info({ salesforce: salesforce.url, pagerduty: pagerduty.url }, 'demo mode: emulators started and connected');
  return {
    salesforce,
    pagerduty,
    async close() {
      await Promise.all([salesforce.close(), pagerduty.close()]);
    },
  };
}

async function shouldRunDemo(config: AppConfig, db: Db, connections: ConnectionStore): Promise<boolean> {
  if (config.demo !== undefined) return config.demo;
  if (envConfiguresConnections(config.env)) return false;
  const [pagerduty, salesforce, marker] = await Promise.all([connections.pagerduty(), connections.salesforce(), readSetting<DemoMarker>(db, DEMO_MARKER)]);
  const pagerdutyIsReal = Boolean(pagerduty.apiKey) && pagerduty.apiUrl !== marker?.pagerdutyUrl;
  const salesforceIsReal = Boolean(salesforce.username || salesforce.alias) && salesforce.loginUrl !== marker?.salesforceLoginUrl;
  return !pagerdutyIsReal && !salesforceIsReal;
}
