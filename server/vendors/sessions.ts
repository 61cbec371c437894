import type { Logger } from 'pino';
import type { ConnectionStore } from '../store/connections';
import type { OutboundProxy } from './outboundProxy';
import { DEFAULT_VENDOR_TIMEOUT_MS } from './requestTimeout';
import { PagerDutySession } from './pagerduty/session';
import { SalesforceSession } from './salesforce/session';

/**
 * The app's sessions with both vendors, built once at start-up and handed to whoever calls a
 * vendor (the pipeline, intake, the admin endpoints), so every caller shares one connection,
 * one describe cache and one rate limiter per vendor.
 */
export class VendorSessions {
  readonly salesforce: SalesforceSession;
  readonly pagerduty: PagerDutySession;

  constructor(
    connections: ConnectionStore,
    logger: Logger,
    readonly proxy: OutboundProxy,
    /** How long one vendor call may take: below the job lease (requestTimeout.ts). */
    timeoutMs = DEFAULT_VENDOR_TIMEOUT_MS,
  ) {
    this.salesforce = new SalesforceSession(connections, logger, proxy, timeoutMs);
    this.pagerduty = new PagerDutySession(connections, proxy, timeoutMs);
  }

  /** Connection settings changed: drop both sessions and their cached describes. */
  reset(): void {
    this.salesforce.reset();
    this.pagerduty.reset();
  }
}
