import type { Clock } from '../shared/clock';
import type { FaultInjector } from '../shared/faults';
import type { RequestLog } from '../shared/requestLog';
import type { RateLimiter } from './http/rateLimit';
import type { CustomFieldOperations } from './customFields/operations';
import type { CustomFieldRenderer } from './customFields/render';
import type { EventOperations } from './events/operations';
import type { IncidentOperations } from './incidents/operations';
import type { Renderer } from './render';
import type { ResponderOperations } from './responders/operations';
import type { ResponderRenderer } from './responders/render';
import type { SeedInfo, SeedName } from './seed';
import type { StatusUpdateOperations } from './statusUpdates/operations';
import type { PagerDutyStore } from './store';
import type { WebhookDeliveryScheduler } from './webhooks/delivery';
import type { WebhookPublisher } from './webhooks/publisher';
import type { WorkflowOperations } from './workflows/operations';
import type { WorkflowRenderer } from './workflows/render';

/** Everything the routers share; built once by `createPagerDutyApp`. */
export interface EmulatorContext {
  store: PagerDutyStore;
  clock: Clock;
  faults: FaultInjector;
  requestLog: RequestLog;
  rateLimiter: RateLimiter;
  /** The Events API's own limit, per routing key (PagerDuty's is separate from the REST API's). */
  eventsRateLimiter: RateLimiter;
  renderer: Renderer;
  incidents: IncidentOperations;
  /** Events API v2 alert events into alerts and incidents. */
  events: EventOperations;
  customFields: CustomFieldOperations;
  customFieldRenderer: CustomFieldRenderer;
  responders: ResponderOperations;
  responderRenderer: ResponderRenderer;
  statusUpdates: StatusUpdateOperations;
  workflows: WorkflowOperations;
  workflowRenderer: WorkflowRenderer;
  publisher: WebhookPublisher;
  deliveries: WebhookDeliveryScheduler;
  /** Re-seeds the account: clears state, deliveries, rate windows and the request log. */
  reset(seed: SeedName): SeedInfo;
  seedInfo(): SeedInfo;
}
