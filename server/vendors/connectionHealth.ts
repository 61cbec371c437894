import type { ConnectionHealth } from '../../contracts/api';
import { testIntegrationUser, testPagerDutyConnection } from './pagerduty/checks';
import { testSalesforceConnection } from './salesforce/checks';
import { missingSettings } from './salesforce/connect';
import type { ConnectionStore } from '../store/connections';
import type { OutboundProxy } from './outboundProxy';

export type HealthKind = 'pagerduty' | 'salesforce' | 'integrationUser';

/**
 * Connection health for SUMMARY (not /readyz: see readiness.ts). Results are cached for `ttlMs` so a polling
 * SUMMARY tab costs at most a few API calls a minute; saving settings invalidates the cache.
 */
export class HealthMonitor {
  #cache = new Map<HealthKind, { result: Promise<ConnectionHealth>; at: number }>();

  constructor(
    private readonly connections: ConnectionStore,
    private readonly proxy: OutboundProxy,
    private readonly ttlMs = 30_000,
  ) {}

  invalidate(kind?: HealthKind): void {
    if (kind) this.#cache.delete(kind);
    else this.#cache.clear();
  }

  check(kind: HealthKind, options: { force?: boolean } = {}): Promise<ConnectionHealth> {
    const cached = this.#cache.get(kind);
    if (cached && !options.force && Date.now() - cached.at < this.ttlMs) return cached.result;
    const result = this.#run(kind);
    this.#cache.set(kind, { result, at: Date.now() });
    return result;
  }

  async #run(kind: HealthKind): Promise<ConnectionHealth> {
    switch (kind) {
      case 'pagerduty': {
        const settings = await this.connections.pagerduty();
        return { configured: Boolean(settings.apiKey), ...(await testPagerDutyConnection(settings, this.proxy)) };
      }
      case 'integrationUser': {
        const settings = await this.connections.pagerduty();
        return { configured: Boolean(settings.apiKey && settings.fromEmail), ...(await testIntegrationUser(settings, this.proxy)) };
      }
      case 'salesforce': {
        const settings = await this.connections.salesforce();
        return { configured: missingSettings(settings).length === 0, ...(await testSalesforceConnection(settings, this.proxy)) };
      }
    }
  }
}
