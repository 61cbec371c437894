import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { listSelfAlerts } from './store/selfAlerts';
import { toDate, type Db } from './store/db';
import { SYNC_TABLES } from './store/tables';
import type { SyncEngine } from './pipeline/engine';
import type { JobQueue } from './pipeline/jobQueue';
import type { VendorSessions } from './vendors/sessions';
import type { InboundEvent } from './pipeline/inbox';
import type { Job } from './pipeline/jobQueue';
import type { JobFinish } from './pipeline/worker';
import { JOB_STATES, type JobState } from './pipeline/jobStates';
import type { RetentionSchedule } from './store/retentionSchedule';

/**
 * Prometheus metrics of one app instance (its own registry, so several apps in one process,
 * as in tests, never share counters). Counters move on the sync engine's events; gauges are read
 * at scrape time from the job table and from what the vendor clients last saw, so an idle app
 * costs nothing and a scrape costs one grouped count.
 *
 * Names:
 *   pdsc_sync_events_received_total{source}          inbound events stored (duplicates excluded)
 *   pdsc_sync_jobs_finished_total{kind,result}       jobs by task (process_event = processing an event; the rest are actions) and result done|failed|dead|lost
 *   pdsc_sync_job_latency_seconds{kind,result}       created → finished (done or dead)
 *   pdsc_sync_job_retries_total{kind,trigger}        automatic (a failed attempt scheduled again) or manual (an admin's retry)
 *   pdsc_sync_jobs{state}                            jobs per state, now
 *   pdsc_sync_dead_jobs                              jobs waiting for an admin's retry
 *   pdsc_retention_rows_deleted_total{table}         rows the retention pass deleted (RETENTION_DAYS)
 *   pdsc_retention_pass_seconds{complete}            how long a retention pass took (complete=false: stopped before the end)
 *   pdsc_retention_reclaimed_bytes_total             SQLite: bytes the passes gave back to the file system
 *   pdsc_api_budget_remaining{api} / pdsc_api_budget_limit{api}
 *                                                    salesforce: daily API requests; pagerduty: requests left in the rate-limit window
 * plus prom-client's default process metrics (prefixed pdsc_).
 */
export interface AppMetrics {
  readonly registry: Registry;
  /** An admin retried a job (SYNC LOG). */
  manualRetry(kind: string): void;
  /** Stops listening to the engine. */
  close(): void;
}

const LATENCY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];

export interface MetricsInputs {
  db: Db;
  /** Counters move on its `eventRecorded` and `jobFinished` events. */
  sync: Pick<SyncEngine, 'on' | 'off'>;
  /** Job gauges are read from it at scrape time. */
  jobs: Pick<JobQueue, 'countByState'>;
  /** API budget gauges: what the vendor clients last saw in response headers. */
  sessions: VendorSessions;
  /** Retention counters move on its passes. */
  retention?: Pick<RetentionSchedule, 'onPass'>;
  prefix?: string;
}

export function createMetrics(options: MetricsInputs): AppMetrics {
  const { db, sync, jobs, sessions } = options;
  const prefix = options.prefix ?? 'pdsc_';
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix });

  const eventsReceived = new Counter({
    name: `${prefix}sync_events_received_total`,
    help: 'Inbound events stored in the inbox, by source (duplicates are not counted).',
    labelNames: ['source'] as const,
    registers: [registry],
  });
  const jobsFinished = new Counter({
    name: `${prefix}sync_jobs_finished_total`,
    help: 'Jobs finished by kind (the task: process_event or an action) and result (done, skipped = done without acting, failed = retry scheduled, dead, lost = lease taken over).',
    labelNames: ['kind', 'result'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: `${prefix}sync_job_latency_seconds`,
    help: 'Time from a job being enqueued (or manually retried) to it ending done, skipped or dead.',
    labelNames: ['kind', 'result'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const retries = new Counter({
    name: `${prefix}sync_job_retries_total`,
    help: 'Job retries: automatic (a failed attempt scheduled again with backoff) or manual (an admin on SYNC LOG).',
    labelNames: ['kind', 'trigger'] as const,
    registers: [registry],
  });

  // Both job gauges collect concurrently during one scrape: they share one grouped count.
  let jobCounts: Promise<Record<JobState, number>> | undefined;
  const countJobs = () => {
    jobCounts ??= jobs.countByState().finally(() => {
      jobCounts = undefined;
    });
    return jobCounts;
  };
  new Gauge({
    name: `${prefix}sync_jobs`,
    help: 'Jobs per state, read from the job table at scrape time.',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      const counts = await countJobs();
      for (const state of JOB_STATES) this.set({ state }, counts[state]);
    },
  });
  new Gauge({
    name: `${prefix}sync_dead_jobs`,
    help: 'Jobs that gave up and wait for an admin to retry them on SYNC LOG.',
    registers: [registry],
    async collect() {
      this.set((await countJobs()).dead);
    },
  });
  new Gauge({
    name: `${prefix}self_alerts_open`,
    help: 'Problems the connector raised a PagerDuty alert about (Events API v2), by kind and delivery (paged, or pending: no routing key yet, or retrying). Read from the self_alerts table at scrape time.',
    labelNames: ['kind', 'delivery'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const alert of await listSelfAlerts(db)) {
        if (alert.state === 'open') this.set({ kind: alert.kind, delivery: alert.delivered ? 'paged' : 'pending' }, 1);
      }
    },
  });
  const budgetRemaining = new Gauge({
    name: `${prefix}api_budget_remaining`,
    help: 'API budget left: salesforce = daily API requests (Sforce-Limit-Info), pagerduty = requests left in the rate-limit window (ratelimit-remaining). Absent until measured.',
    labelNames: ['api'] as const,
    registers: [registry],
  });
  new Gauge({
    name: `${prefix}api_budget_limit`,
    help: 'API budget size: salesforce = daily API allocation, pagerduty = requests per rate-limit window. Absent until measured.',
    labelNames: ['api'] as const,
    registers: [registry],
    async collect() {
      // Only what the clients already saw in response headers: a scrape never calls a vendor.
      budgetRemaining.reset();
      this.reset();
      const salesforce = await sessions.salesforce.apiUsage().catch(() => undefined);
      if (salesforce) {
        budgetRemaining.set({ api: 'salesforce' }, Math.max(0, salesforce.limit - salesforce.used));
        this.set({ api: 'salesforce' }, salesforce.limit);
      }
      const pagerduty = await sessions.pagerduty
        .client()
        .then((client) => client.rateLimit)
        .catch(() => undefined);
      if (pagerduty) {
        budgetRemaining.set({ api: 'pagerduty' }, pagerduty.remaining);
        this.set({ api: 'pagerduty' }, pagerduty.limit);
      }
    },
  });

  const retentionDeleted = new Counter({
    name: `${prefix}retention_rows_deleted_total`,
    help: 'Rows the retention pass deleted, by table (finished history older than RETENTION_DAYS).',
    labelNames: ['table'] as const,
    registers: [registry],
  });
  const retentionPass = new Histogram({
    name: `${prefix}retention_pass_seconds`,
    help: 'Time one retention pass took, deletes and SQLite space reclaim included; complete=false when it stopped early (lease lost, shutdown).',
    labelNames: ['complete'] as const,
    buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900],
    registers: [registry],
  });
  const retentionReclaimed = new Counter({
    name: `${prefix}retention_reclaimed_bytes_total`,
    help: 'SQLite: bytes the retention passes gave back to the file system (incremental auto-vacuum).',
    registers: [registry],
  });
  const stopRetentionMetrics = options.retention?.onPass((report) => {
    for (const [table, count] of Object.entries(report.deleted)) if (count > 0) retentionDeleted.inc({ table }, count);
    retentionPass.observe({ complete: String(report.complete) }, report.durationMs / 1000);
    if (report.reclaimedBytes > 0) retentionReclaimed.inc(report.reclaimedBytes);
  });

  const onEventRecorded = (event: InboundEvent) => eventsReceived.inc({ source: event.source });
  const onJobFinished = (job: Job, outcome: JobFinish) => {
    jobsFinished.inc({ kind: job.task, result: outcome });
    if (outcome === 'failed') retries.inc({ kind: job.task, trigger: 'automatic' });
    if (outcome === 'done' || outcome === 'skipped' || outcome === 'dead') void observeLatency(db, latency, job, outcome);
  };
  sync.on('eventRecorded', onEventRecorded);
  sync.on('jobFinished', onJobFinished);

  return {
    registry,
    manualRetry(kind) {
      retries.inc({ kind, trigger: 'manual' });
    },
    close() {
      sync.off('eventRecorded', onEventRecorded);
      sync.off('jobFinished', onJobFinished);
      stopRetentionMetrics?.();
    },
  };
}

/**
 * A job done on its first attempt was due at its creation (`runAt`), so no query is needed; only
 * jobs that went through retries (rare) read their creation time, keeping the hot path free of I/O.
 */
async function observeLatency(db: Db, latency: Histogram<'kind' | 'result'>, job: Job, outcome: 'done' | 'skipped' | 'dead'): Promise<void> {
  const finishedAt = Date.now();
  let startedAt = job.runAt.getTime();
  if (job.attempts > 1) {
    const row = await db(SYNC_TABLES.jobs)
      .where({ id: job.id })
      .first<{ created_at: Date | string | null } | undefined>('created_at')
      .catch(() => undefined);
    if (row?.created_at != null) startedAt = toDate(row.created_at).getTime();
  }
  latency.observe({ kind: job.task, result: outcome }, Math.max(0, finishedAt - startedAt) / 1000);
}
