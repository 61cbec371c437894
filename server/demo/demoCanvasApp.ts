import crypto from 'node:crypto';
import type { SalesforceEmulator } from '../../emulators/salesforce';
import { agentActions } from '../../contracts/agent';
import { canvasAppSchema } from '../../emulators/salesforce/canvas/canvasApps';
import type { ConnectionStore } from '../store/connections';

/** The demo org's Canvas apps: the Command Console on every Case record page, the Status Dashboard in the utility bar. */
export const DEMO_CANVAS_APP = 'PagerDuty';
export const DEMO_DASHBOARD_CANVAS_APP = 'PagerDuty Status Dashboard';

/**
 * Registers the app's console and Status Dashboard as Canvas apps of the emulated org, in process
 * (what the control API's `POST /__emulator/canvas-apps` does; no HTTP, so an emulator on HTTPS needs
 * no trust), with the consumer secret stored on CONNECTIONS (made up once, then kept, as the admin would
 * copy it from the connected app). Called once the app listens: the canvas URL is its public URL.
 * The first time, agents may take every action from the console.
 */
export async function registerDemoCanvasApp(salesforce: SalesforceEmulator, connections: ConnectionStore, publicUrl: string): Promise<void> {
  const current = await connections.canvas();
  const consumerSecret = current.consumerSecret ?? crypto.randomBytes(32).toString('hex');
  // The first start lets the demo's agents take every action, so the console shows them all; the admin narrows it on CONNECTIONS.
  if (!current.consumerSecret) await connections.saveCanvas({ ...current, consumerSecret, agentActions: [...agentActions] });
  const apps = [
    { name: DEMO_CANVAS_APP, canvasUrl: `${publicUrl}/canvas/console`, consumerSecret, locations: ['RecordPage'] },
    { name: DEMO_DASHBOARD_CANVAS_APP, canvasUrl: `${publicUrl}/canvas/dashboard`, consumerSecret, locations: ['UtilityBar'] },
  ];
  for (const candidate of apps) {
    const app = canvasAppSchema.safeParse(candidate);
    if (!app.success) throw new Error(`The Salesforce emulator refused the demo Canvas app ${candidate.name}: ${app.error.message}`);
    salesforce.context.canvasApps.register(app.data);
  }
}
