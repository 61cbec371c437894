import type { ConnectionHealth, IntakeNotice, SummaryReply } from '../../../contracts/api';
import type { SelfAlertKind, SelfAlertView } from '../../../contracts/selfAlerts';
import type { StatusLook } from '../../components/status-badge/statusBadge';

const OK_LABEL = 'Connection OK';

/** A connection's badge: green "Connection OK", grey "Not configured", red otherwise. */
export function connectionLook(health: ConnectionHealth): StatusLook {
  if (health.ok) return { tone: 'success', icon: 'success', label: OK_LABEL };
  if (!health.configured) return { tone: 'neutral', icon: 'info', label: 'Not configured' };
  return { tone: 'error', icon: 'error', label: 'Connection failed' };
}

/** The message under the badge, unless it only repeats the badge. */
export function connectionDetail(health: ConnectionHealth): string | undefined {
  return health.message && health.message !== OK_LABEL ? health.message : undefined;
}

export function webhookLook(state: SummaryReply['webhook']['state']): StatusLook {
  switch (state) {
    case 'enabled':
      return { tone: 'success', icon: 'success', label: 'Enabled' };
    case 'disabled':
      return { tone: 'error', icon: 'error', label: 'Disabled' };
    case 'not_provisioned':
      return { tone: 'neutral', icon: 'info', label: 'Not provisioned' };
    case 'unknown':
      return { tone: 'warning', icon: 'warning', label: 'Unknown' };
  }
}

const numberFormat = new Intl.NumberFormat('en-US');

export function formatCount(value: number): string {
  return numberFormat.format(value);
}

/** Percentage of `used` in `limit`, clamped to 0–100 and rounded; 0 when there is no limit. */
export function usagePercent(used: number, limit: number): number {
  if (!(limit > 0) || !Number.isFinite(used)) return 0;
  return Math.min(100, Math.max(0, Math.round((used / limit) * 100)));
}

export interface BudgetView {
  percent: number;
  label: string;
  /** SLDS progress-bar fill: green under 75 %, orange under 90 %, red above. */
  tone: 'success' | 'warning' | 'error';
}

function budget(used: number, limit: number, label: string): BudgetView {
  const percent = usagePercent(used, limit);
  return { percent, label, tone: percent >= 90 ? 'error' : percent >= 75 ? 'warning' : 'success' };
}

/** Salesforce's daily API requests (from `Sforce-Limit-Info`). */
export function salesforceBudget(value: NonNullable<SummaryReply['budgets']['salesforce']>): BudgetView {
  const percent = usagePercent(value.used, value.limit);
  return budget(value.used, value.limit, `${formatCount(value.used)} of ${formatCount(value.limit)} daily API requests used (${percent}%)`);
}

/** PagerDuty's per-key rate limit (from `ratelimit-remaining` / `ratelimit-limit`). */
export function pagerDutyBudget(value: NonNullable<SummaryReply['budgets']['pagerduty']>): BudgetView {
  const used = Math.max(0, value.limit - value.remaining);
  return budget(used, value.limit, `${formatCount(value.remaining)} of ${formatCount(value.limit)} requests left in the current rate-limit window`);
}

/** "just now", "5 min ago", "3 h ago", "2 days ago"; "never" for null; the raw text if unparseable. */
export function relativeTime(iso: string | null, now: Date): string {
  if (iso === null) return 'never';
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  const seconds = Math.round((now.getTime() - at) / 1000);
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  return days === 1 ? '1 day ago' : `${days} days ago`;
}

export function rulesetsLabel(rulesets: SummaryReply['rulesets']): string {
  if (rulesets.total === 0) return 'No rulesets yet';
  return `${formatCount(rulesets.enabled)} of ${formatCount(rulesets.total)} enabled`;
}

const INTAKE_NOTICE_TITLES: Record<IntakeNotice['code'], string> = {
  replay_gap: 'Change events missed: replayed and polled',
  subscription_failed: 'Change event subscription failed',
  auth_failure: 'Streaming session ended: signed in again',
  poll_failed: 'Polling Salesforce failed',
  not_configured: 'Salesforce intake not configured',
};

/** The heading of an intake notice on SUMMARY. */
export function intakeNoticeTitle(code: IntakeNotice['code']): string {
  return INTAKE_NOTICE_TITLES[code];
}

const SELF_ALERT_TITLES: Record<SelfAlertKind, string> = {
  connection_pagerduty: 'PagerDuty connection failing',
  connection_salesforce: 'Salesforce connection failing',
  connection_integration_user: 'Integration user check failing',
  webhook_disabled: 'Webhook subscription disabled',
  jobs_dead: 'Jobs gone dead',
  cdc_replay_lost: 'CDC lost its replay position',
  salesforce_api_allocation: 'Salesforce API allocation above 90 %',
};

/** The title of an alert the connector raised about itself; a kind this UI does not know yet shows as it is. */
export function selfAlertTitle(kind: string): string {
  return (SELF_ALERT_TITLES as Record<string, string | undefined>)[kind] ?? kind;
}

/** Whether PagerDuty has it: "Paged", or why not yet. */
export function selfAlertDelivery(alert: SelfAlertView, configured: boolean): StatusLook {
  if (alert.delivery === 'paged') return { tone: 'error', icon: 'warning', label: 'Paged' };
  if (!configured) return { tone: 'neutral', icon: 'info', label: 'Not paged: no routing key' };
  return { tone: 'warning', icon: 'warning', label: 'Paging: retrying' };
}
