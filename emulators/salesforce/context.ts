import type { Clock } from '../shared/clock';
import type { FaultInjector } from '../shared/faults';
import type { RequestLog } from '../shared/requestLog';
import type { ApiUsage } from './rest/apiUsage';
import type { AuthRegistry } from './auth/authRegistry';
import type { OrgStore } from './store';
import type { CanvasApps } from './canvas/canvasApps';

/** The emulated org's identity. */
export interface OrgInfo {
  id: string;
  name: string;
  /** A sandbox accepts logins only at the sandbox login host, production only at production's. */
  sandbox: boolean;
  instanceName: string;
}

/** What every handler of the emulator works with: one object, passed explicitly. */
export interface EmulatorContext {
  org: OrgInfo;
  store: OrgStore;
  auth: AuthRegistry;
  clock: Clock;
  faults: FaultInjector;
  requestLog: RequestLog;
  apiUsage: ApiUsage;
  /** The API versions served by `/services/data`, newest last. */
  apiVersions: string[];
  /** Connected apps with Canvas enabled, which the console embeds. */
  canvasApps: CanvasApps;
}
