import crypto from 'node:crypto';
import type { SalesforceEmulator } from '../../emulators/salesforce';
import { canvasAppSchema } from '../../emulators/salesforce/canvas/canvasApps';
import type { ConnectionStore } from '../store/connections';

/** The demo org's Canvas app: the Command Console on every Case record page. */
export const DEMO_CANVAS_APP = 'PagerDuty';

/**
 * Registers the app's console as a Canvas app of the emulated org, in process (what the control
 * API's `POST /__emulator/canvas-apps` does; no HTTP, so an emulator on HTTPS needs no trust), with the consumer secret stored on CONNECTIONS (made up once, then kept, as the admin would
 * copy it from the connected app). Called once the app listens: the canvas URL is its public URL.
 */
export async function registerDemoCanvasApp(salesforce: SalesforceEmulator, connections: ConnectionStore, publicUrl: string): Promise<void> {
  const current = await connections.canvas();
  const consumerSecret = current.consumerSecret ?? crypto.randomBytes(32).toString('hex');
  if (!current.consumerSecret) await connections.saveCanvas({ ...current, consumerSecret });
  const app = canvasAppSchema.safeParse({ name: DEMO_CANVAS_APP, canvasUrl: `${publicUrl}/canvas/console`, consumerSecret, locations: ['RecordPage'] });
  if (!app.success) throw new Error(`The Salesforce emulator refused the demo Canvas app: ${app.error.message}`);
  salesforce.context.canvasApps.register(app.data);
}
