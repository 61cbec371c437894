import crypto from 'node:crypto';
import path from 'node:path';
import type { Logger } from 'pino';
import { errorMessage } from '../../lib/errorMessage';
import { generateLocalCertificate, writeCaFile } from '../../lib/localTls';
import { startPagerDutyEmulator, type PagerDutyEmulator } from '../../emulators/pagerduty';
import { startSalesforceEmulator, type SalesforceEmulator } from '../../emulators/salesforce';
import { describeField } from '../../emulators/salesforce/schema/describe';
import { addDemoCaseFields } from './demoCaseFields';
import { buildFieldCatalog, caseFieldInfoFromDescribe, rulesetFromStarter, starterTemplate, validateRuleset } from '../../rules';
import type { AppConfig } from '../config';
import { initSyncSettings } from '../intake/syncSettings';
import { envConfiguresConnections } from '../store/envConnections';
import type { ConnectionStore } from '../store/connections';
import type { Db } from '../store/db';
import { RulesetStore } from '../store/rulesets';
import { readSetting, writeSetting } from '../store/settings';
import { forgetVendorMemory } from '../store/vendorMemory';

export interface DemoEmulators {
  salesforce: SalesforceEmulator;
  pagerduty: PagerDutyEmulator;
  /** With DEMO_TLS: the certificate both emulators serve (PEM) and where its CA file was written. */
  tls?: { ca: string; caFile: string };
  close(): Promise<void>;
}

/** Where demo mode pointed the connections last time; a connection pointing elsewhere is real. */
interface DemoMarker {
  pagerdutyUrl: string;
  salesforceLoginUrl: string;
}
const DEMO_MARKER = 'demo_connections';
/** Set once the starter rulesets were added, so a starter the admin deleted stays deleted. */
const STARTERS_MARKER = 'demo_starter_rulesets';

/** The starters the demo adds, enabled: together they make the README's round trip. */
export const DEMO_STARTERS = ['page-high-priority-cases', 'follow-incident-status'] as const;
/** The PagerDuty service the demo's "Page on high-priority Cases" pages. */
export const DEMO_STARTER_SERVICE = 'Customer Support';

export interface DemoOptions {
  /** Add `DEMO_STARTERS`, enabled, on the first start (see `StartOptions.demoStarterRulesets`). */
  starterRulesets?: boolean;
}

/**
 * Demo mode: with no real connection configured (environment or CONNECTIONS tab), start both
 * emulators in this process, reset them to their `demo` seed, and connect the app to them. The
 * app's sync state from an earlier run (links, inbox, jobs, intake positions, webhook
 * subscriptions) is cleared, as the emulators it described are gone; rulesets and settings stay.
 * DEMO=true forces it, DEMO=false forbids it.
 */
export async function startDemo(
  config: AppConfig,
  db: Db,
  connections: ConnectionStore,
  logger: Logger,
  options: DemoOptions = {},
): Promise<DemoEmulators | undefined> {
  if (!(await shouldRunDemo(config, db, connections))) return undefined;
  // One certificate for both emulators; its CA file sits in the data directory (mode 0600),
  // replaced at every start as the certificate is.
  const certificate = config.demoTls ? await generateLocalCertificate() : undefined;
  const tls = certificate ? { ca: certificate.cert, caFile: writeCaFile(certificate, path.join(config.dataDir, 'demo-tls')) } : undefined;
  const serve = certificate ? { tls: certificate } : {};
  const salesforce = await startSalesforceEmulator({ port: config.emulatorPorts.salesforce, seed: 'demo', ...serve }).catch((error: unknown) => {
    throw new Error(
      `Demo mode could not start the Salesforce emulator on port ${config.emulatorPorts.salesforce}: ${errorMessage(error)}. Set SF_EMULATOR_PORT to a free port.`,
    );
  });
  const pagerduty = await startPagerDutyEmulator({ port: config.emulatorPorts.pagerduty, seed: 'demo', ...serve }).catch(async (error: unknown) => {
    await salesforce.close();
    throw new Error(
      `Demo mode could not start the PagerDuty emulator on port ${config.emulatorPorts.pagerduty}: ${errorMessage(error)}. Set PD_EMULATOR_PORT to a free port.`,
    );
  });

  addDemoCaseFields(salesforce);
  // The emulators start from their seed at every start, while DATA_DIR keeps what the app learnt
  // from the previous ones: that memory would name other records now (see forgetVendorMemory).
  const forgotten = await forgetVendorMemory(db);
  if (Object.keys(forgotten).length > 0)
    logger.info({ forgotten }, 'demo mode: the emulators start from their seed, so the sync state of the previous run was cleared');

  const sfSeed = salesforce.seedInfo();
  const pdSeed = pagerduty.seedInfo();
  const integration = sfSeed.users.find((user) => user.role === 'integration');
  if (!integration) throw new Error('The Salesforce emulator demo seed has no integration user');
  await connections.savePagerDuty({ apiUrl: pagerduty.url, apiKey: pdSeed.keys.account, fromEmail: pdSeed.integrationUserEmail, updatedAt: null });
  // The connector pages about itself on the emulated "Salesforce Sync" service, through the Events API.
  await connections.saveSelfAlerts({ eventsApiUrl: pagerduty.url, routingKey: demoRoutingKey(pdSeed), updatedAt: null });
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
  // A first "Run full sync" reads every seeded Case (they are spread over the last month).
  await initSyncSettings(db, { startDate: oldestSeededCaseDay(salesforce) });
  if (options.starterRulesets) {
    try {
      await addStarterRulesets(db, salesforce, pagerduty, logger);
    } catch (error) {
      await Promise.all([salesforce.close(), pagerduty.close()]);
      throw error;
    }
  }
  logger.info({ salesforce: salesforce.url, pagerduty: pagerduty.url, caFile: tls?.caFile }, 'demo mode: emulators started and connected');
  return {
    salesforce,
    pagerduty,
    ...(tls ? { tls } : {}),
    async close() {
      await Promise.all([salesforce.close(), pagerduty.close()]);
    },
  };
}

/** The seeded Events API v2 integration key of the service the connector pages about itself on. */
export const DEMO_SELF_ALERT_SERVICE = 'Salesforce Sync';
function demoRoutingKey(seed: ReturnType<PagerDutyEmulator['seedInfo']>): string {
  const key = seed.keys.events[DEMO_SELF_ALERT_SERVICE];
  if (!key) throw new Error(`The PagerDuty emulator demo seed has no Events API integration on ${DEMO_SELF_ALERT_SERVICE}`);
  return key;
}

/** Midnight (UTC) of the day the oldest seeded Case was created. */
function oldestSeededCaseDay(salesforce: SalesforceEmulator): string {
  let oldest = Date.now();
  for (const record of salesforce.store.records('Case')) {
    const created = typeof record.CreatedDate === 'string' ? Date.parse(record.CreatedDate) : Number.NaN;
    if (created < oldest) oldest = created;
  }
  const day = new Date(oldest);
  day.setUTCHours(0, 0, 0, 0);
  return day.toISOString();
}

async function shouldRunDemo(config: AppConfig, db: Db, connections: ConnectionStore): Promise<boolean> {
  if (config.demo !== undefined) return config.demo;
  if (envConfiguresConnections(config.env)) return false;
  const [pagerduty, salesforce, marker] = await Promise.all([connections.pagerduty(), connections.salesforce(), readSetting<DemoMarker>(db, DEMO_MARKER)]);
  const pagerdutyIsReal = Boolean(pagerduty.apiKey) && pagerduty.apiUrl !== marker?.pagerdutyUrl;
  const salesforceIsReal = Boolean(salesforce.username || salesforce.alias) && salesforce.loginUrl !== marker?.salesforceLoginUrl;
  return !pagerdutyIsReal && !salesforceIsReal;
}

/**
 * The demo's rules, once, into an installation without rulesets: `DEMO_STARTERS` enabled, the
 * pager on `DEMO_STARTER_SERVICE`, checked against the emulated org's Case like any saved ruleset.
 */
async function addStarterRulesets(db: Db, salesforce: SalesforceEmulator, pagerduty: PagerDutyEmulator, logger: Logger): Promise<void> {
  if (await readSetting(db, STARTERS_MARKER)) return;
  const store = new RulesetStore(db);
  if ((await store.list()).length > 0) {
    await writeSetting(db, STARTERS_MARKER, { addedAt: null, reason: 'rulesets already present' });
    return;
  }
  const caseObject = salesforce.store.schema.get('Case');
  if (!caseObject) throw new Error('The Salesforce emulator has no Case object');
  const catalog = buildFieldCatalog(caseFieldInfoFromDescribe(caseObject.fields.map(describeField)));
  const services = pagerduty.seedInfo().ids.services;
  const serviceId = services[DEMO_STARTER_SERVICE] ?? Object.values(services)[0];
  const added: string[] = [];
  for (const [position, key] of DEMO_STARTERS.entries()) {
    const template = starterTemplate(key);
    if (!template) throw new Error(`No starter template ${key}`);
    const built = rulesetFromStarter(template, { id: crypto.randomUUID(), position, ...(serviceId ? { serviceId } : {}) });
    const checked = built.ok ? validateRuleset({ ...built.ruleset, enabled: true }, catalog) : built;
    if (!checked.ok) throw new Error(`The demo's starter ruleset "${template.name}" does not fit the emulated org: ${JSON.stringify(checked.errors)}`);
    await store.save(checked.ruleset);
    added.push(checked.ruleset.name);
  }
  await writeSetting(db, STARTERS_MARKER, { addedAt: new Date().toISOString() });
  logger.info({ rulesets: added }, 'demo mode: starter rulesets added and enabled');
}
