import type { Logger } from 'pino';
import { errorMessage } from '../../lib/errorMessage';
import { backoffMs } from '../pipeline/backoff';
import type { ConnectionStore } from '../store/connections';
import type { Db } from '../store/db';
import { releaseLease, tryAcquireLease } from '../store/leases';
import { clearProblem, dueSelfAlerts, markAttemptFailed, markDelivered, reportProblem, retrySelfAlertsNow, type SelfAlert } from '../store/selfAlerts';
import { sendAlertEvent, type AlertEvent, type EventsApiOptions, type EventsApiOutcome } from '../vendors/pagerduty/eventsApi';
import type { AlertSeverity, Probe, ProbeFinding } from './probes';

/** The lease that makes one instance the self-monitor: two would page twice and race on the rows. */
export const SELF_MONITOR_LEASE = 'self-monitor';
/** What a routing key that was refused (400) waits before it is tried again, unless the admin saves new settings. */
const REFUSED_RETRY_MS = 10 * 60_000;

export interface SelfMonitorOptions {
  db: Db;
  connections: Pick<ConnectionStore, 'selfAlerts'>;
  logger: Logger;
  probes: Probe[];
  instanceId: string;
  /** This installation's address: the alerts' `source`, their link back, and part of each `dedup_key`. */
  publicUrl: () => string;
  /** How often the problems are looked for. Default 60 s; 0: never on its own (`tick` still works). */
  intervalMs?: number;
  /** How long the lease protects the holder; a few intervals, so a dead holder is replaced soon. */
  leaseMs?: number;
  events?: EventsApiOptions;
  /** Sends one event; the Events API over HTTP unless a test passes its own. */
  send?: (eventsApiUrl: string, event: AlertEvent, options: EventsApiOptions) => Promise<EventsApiOutcome>;
  random?: () => number;
}

export interface TickResult {
  /** False when another instance holds the lease: this one did nothing. */
  leader: boolean;
  findings: ProbeFinding[];
  sent: { kind: string; action: 'trigger' | 'resolve'; accepted: boolean }[];
}

/**
 * The connector watches itself: every interval the holder of the `self-monitor` lease runs the
 * probes, records each problem durably (server/store/selfAlerts.ts) and tells PagerDuty through
 * the Events API v2: one trigger when a problem appears, one resolve when it clears, each under
 * a `dedup_key` stable per installation and problem kind. The state is in the database, so a
 * restart neither triggers again nor forgets a due resolve; an event that fails is retried with
 * backoff. A crash between PagerDuty's 202 and the row's update sends the event once more: the
 * same `dedup_key` makes that a no-op in PagerDuty (a trigger lands on the open alert).
 */
export class SelfMonitor {
  readonly #options: SelfMonitorOptions;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<unknown> = Promise.resolve();
  /** Passes run one after another, whoever asks (the timer, a settings change, a test). */
  #chain: Promise<unknown> = Promise.resolve();
  #stopped = true;

  constructor(options: SelfMonitorOptions) {
    this.#options = options;
  }

  start(): void {
    if (!this.#stopped || this.#options.intervalMs === 0) return;
    this.#stopped = false;
    this.#schedule(0);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running.catch(() => undefined);
    await releaseLease(this.#options.db, SELF_MONITOR_LEASE, this.#options.instanceId).catch(() => undefined);
  }

  /** The settings changed: undelivered events are due now, and a tick runs soon. */
  async settingsChanged(now: Date = new Date()): Promise<void> {
    await retrySelfAlertsNow(this.#options.db, now);
    if (!this.#stopped) this.#schedule(0);
  }

  /** One pass: take or renew the lease, look for problems, send what is due. Tests call it directly. */
  tick(now: Date = new Date()): Promise<TickResult> {
    const pass = this.#chain.then(() => this.#pass(now));
    this.#chain = pass.catch(() => undefined);
    return pass;
  }

  async #pass(now: Date): Promise<TickResult> {
    const { db, instanceId } = this.#options;
    const leaseMs = this.#options.leaseMs ?? 3 * (this.#options.intervalMs || 60_000);
    if (!(await tryAcquireLease(db, SELF_MONITOR_LEASE, instanceId, leaseMs, now))) return { leader: false, findings: [], sent: [] };
    const findings = await this.#look(now);
    for (const finding of findings) {
      if (finding.status === 'problem') {
        await reportProblem(
          db,
          { kind: finding.kind, dedupKey: this.#dedupKey(finding.kind), summary: finding.summary, details: { ...finding.details, severity: finding.severity } },
          now,
        );
      } else if (finding.status === 'ok') {
        await clearProblem(db, finding.kind, now);
      }
    }
    return { leader: true, findings, sent: await this.#deliver(now) };
  }

  async #look(now: Date): Promise<ProbeFinding[]> {
    const results = await Promise.all(
      this.#options.probes.map((probe) =>
        probe(now).catch((error: unknown) => {
          // A probe that throws tells nothing: its kinds keep their state until it answers again.
          this.#options.logger.warn({ err: error }, 'self-monitor: a probe failed; its problems keep their state');
          return [] as ProbeFinding[];
        }),
      ),
    );
    return results.flat();
  }

  async #deliver(now: Date): Promise<TickResult['sent']> {
    const { db, logger } = this.#options;
    const due = await dueSelfAlerts(db, now);
    if (due.length === 0) return [];
    const settings = await this.#options.connections.selfAlerts();
    const sent: TickResult['sent'] = [];
    for (const alert of due) {
      // Never paged, and gone again: PagerDuty has nothing to resolve.
      if (alert.state === 'cleared' && !alert.triggered) {
        await markDelivered(db, alert.kind, 'cleared', now);
        continue;
      }
      // Without a routing key the problem waits (SUMMARY shows it); saving one makes it due.
      if (!settings.routingKey) continue;
      const action = alert.state === 'open' ? 'trigger' : 'resolve';
      const outcome = await (this.#options.send ?? sendAlertEvent)(settings.eventsApiUrl, this.#event(alert, settings.routingKey), this.#options.events ?? {});
      sent.push({ kind: alert.kind, action, accepted: outcome.accepted });
      if (outcome.accepted) {
        await markDelivered(db, alert.kind, alert.state, now);
        logger.info({ kind: alert.kind, action, dedupKey: alert.dedupKey }, `self-monitor: ${action} accepted by the Events API`);
        continue;
      }
      const waitMs = outcome.retryable ? backoffMs(alert.attempts + 1, { random: this.#options.random }) : REFUSED_RETRY_MS;
      await markAttemptFailed(db, alert.kind, alert.state, outcome.message, new Date(now.getTime() + waitMs), now);
      logger.warn({ kind: alert.kind, action, retryInMs: waitMs, error: outcome.message }, `self-monitor: the Events API did not take the ${action}`);
    }
    return sent;
  }

  #event(alert: SelfAlert, routingKey: string): AlertEvent {
    if (alert.state === 'cleared') return { routing_key: routingKey, event_action: 'resolve', dedup_key: alert.dedupKey };
    const publicUrl = this.#options.publicUrl();
    const { severity, ...details } = alert.details;
    return {
      routing_key: routingKey,
      event_action: 'trigger',
      dedup_key: alert.dedupKey,
      payload: {
        summary: `PagerDuty for Service Cloud: ${alert.summary}`.slice(0, 1024),
        source: hostOf(publicUrl),
        severity: isSeverity(severity) ? severity : 'error',
        component: alert.kind,
        group: 'pagerduty-service-cloud',
        class: 'connector self-check',
        custom_details: { ...details, since: alert.openedAt.toISOString(), summary_tab: `${publicUrl}/#summary` },
      },
      client: 'PagerDuty for Service Cloud',
      client_url: `${publicUrl}/#summary`,
      links: [{ href: `${publicUrl}/#summary`, text: 'SUMMARY of the connector' }],
    };
  }

  /** Stable per installation and kind, so a restart (or another instance) pages onto the same alert. */
  #dedupKey(kind: string): string {
    return `${hostOf(this.#options.publicUrl())}/self-monitor/${kind}`.slice(-255);
  }

  #schedule(delayMs: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#running = this.tick()
        .catch((error: unknown) => this.#options.logger.warn({ err: errorMessage(error) }, 'self-monitor: a pass failed; trying again next interval'))
        .finally(() => {
          if (!this.#stopped) this.#schedule(this.#options.intervalMs ?? 60_000);
        });
    }, delayMs);
    this.#timer.unref();
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function isSeverity(value: unknown): value is AlertSeverity {
  return value === 'critical' || value === 'error' || value === 'warning' || value === 'info';
}
