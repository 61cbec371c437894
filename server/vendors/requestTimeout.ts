/**
 * How long one vendor call (a PagerDuty REST request, a Salesforce REST/SOAP/OAuth request) may
 * take before it is given up. jsforce's own default is 30 minutes: against a job lease of a minute,
 * a slow Salesforce write would hold its job far past the lease. The heartbeat (worker.ts) keeps a
 * running job's lease while it waits; this bound makes the wait end, so a hung call fails and is
 * retried instead of holding a worker slot (and a graceful shutdown) forever.
 */
export const DEFAULT_VENDOR_TIMEOUT_MS = 30_000;

/**
 * The vendor call timeout for a job lease: at most half the lease, so even a call whose job missed
 * a renewal ends while the job is still its own.
 */
export function vendorTimeoutMs(leaseMs: number): number {
  return Math.min(DEFAULT_VENDOR_TIMEOUT_MS, Math.floor(leaseMs / 2));
}
