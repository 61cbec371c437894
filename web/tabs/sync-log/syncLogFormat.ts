import type { SyncLogEntry, SyncLogJob, SyncLogSource, SyncLogStatus } from '../../../contracts/syncLog';
import type { StatusLook } from '../../components/status-badge/statusBadge';
import { ACTION_TASK_LABELS, incidentEventLabel, isOperatorName, OPERATORS } from '../../../rules';
import { agentActionEventKind, agentActionLabels, agentActionTask, agentActions } from '../../../contracts/agent';

/** Pure helpers of the SYNC LOG tab (no DOM), tested on their own. */

export const SOURCE_LABELS: Record<SyncLogSource, string> = {
  salesforce: 'Salesforce',
  pagerduty: 'PagerDuty',
  manual_sync: 'Manual sync',
  reconcile: 'Reconciliation',
  agent: 'Agent (console)',
};

export const STATUS_LOOKS: Record<SyncLogStatus, StatusLook> = {
  dead: { tone: 'error', icon: 'error', label: 'Dead' },
  failed: { tone: 'warning', icon: 'warning', label: 'Retrying' },
  pending: { tone: 'neutral', icon: 'info', label: 'Pending' },
  skipped: { tone: 'neutral', icon: 'warning', label: 'Skipped' },
  ignored: { tone: 'neutral', icon: 'info', label: 'Ignored' },
  done: { tone: 'success', icon: 'success', label: 'Done' },
};

const JOB_STATE_STATUS: Record<SyncLogJob['state'], SyncLogStatus> = { pending: 'pending', running: 'pending', failed: 'failed', dead: 'dead', done: 'done' };

/** A job's status as the log shows it: a done job the engine skipped is Skipped. */
export function jobStatus(job: Pick<SyncLogJob, 'state' | 'skippedReason'>): SyncLogStatus {
  return job.state === 'done' && job.skippedReason !== null ? 'skipped' : JOB_STATE_STATUS[job.state];
}

/** Task names as people read them. */
const TASK_LABELS: Record<string, string> = {
  process_event: 'Process event',
  ...ACTION_TASK_LABELS,
  sync_comment_to_note: 'Comment → note',
  sync_note_to_comment: 'Note → comment',
  push_custom_fields: 'Custom fields → incident',
  pull_custom_fields: 'Custom fields → Case',
  route_incident_priority: 'Priority routing',
  ...Object.fromEntries(agentActions.map((action) => [agentActionTask(action), agentLabel(action)])),
};

/** An agent's console action as SYNC LOG names its event and its job: "Agent: add a note". */
function agentLabel(action: (typeof agentActions)[number]): string {
  return `Agent: ${agentActionLabels[action]}`;
}

export function taskLabel(task: string): string {
  return TASK_LABELS[task] ?? task;
}

/** Salesforce's event kinds as people read them (PagerDuty's come from the rule editor's labels). */
const CASE_EVENT_LABELS: Record<string, string> = {
  'case.create': 'Case created',
  'case.update': 'Case updated',
  'case.delete': 'Case deleted',
  'case_comment.create': 'Case comment added',
  ...Object.fromEntries(agentActions.map((action) => [agentActionEventKind(action), agentLabel(action)])),
};

/** An inbound event's kind in the editor's words ("Incident acknowledged"); an unknown one as it is. */
export function eventKindLabel(kind: string): string {
  return CASE_EVENT_LABELS[kind] ?? incidentEventLabel(kind);
}

export function sourceLabel(source: SyncLogSource | null): string {
  return source ? SOURCE_LABELS[source] : '—';
}

/** "840 ms", "2.4 s", "3 min 5 s"; an em dash when unknown. */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function formatAttempts(job: SyncLogJob | null): string {
  return job ? `${job.attempts}/${job.maxAttempts}` : '—';
}

/**
 * The error a job's row shows, with its hint: none once the job is done (a retry that succeeded
 * keeps the old text in `lastError`). An event's row shows its processing's error; each action's
 * error is on the action's own row, right under it.
 */
export function jobError(job: SyncLogJob | null): { message: string; hint: string | null } | null {
  return job?.lastError && job.state !== 'done' ? { message: job.lastError, hint: job.errorHint } : null;
}

/** Stable identity of a row across refreshes (events and event-less jobs have separate ids). */
export function entryKey(entry: Pick<SyncLogEntry, 'type' | 'id'>): string {
  return `${entry.type}-${entry.id}`;
}

/** A trace's operator as the rule editor names it (the rules engine's registry); an unknown one as it came. */
export function operatorLabel(operator: string): string {
  return isOperatorName(operator) ? OPERATORS[operator].label : operator;
}

/** A value of the trace as text: strings quoted, absent values marked. */
export function traceValue(value: unknown): string {
  if (value === undefined) return '(not known)';
  if (value === null) return '(empty)';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // Strings quoted, lists and objects as JSON: the values came as JSON.
  return JSON.stringify(value);
}

export function emptyMessage(filtered: boolean): { title: string; body: string } {
  return filtered
    ? { title: 'No rows match these filters', body: 'Clear the search or choose another source or status.' }
    : {
        title: 'No sync activity yet',
        body: 'Case changes and PagerDuty incident updates appear here as soon as they arrive, with what the rules did about them.',
      };
}

/**
 * What an action's result says, as label/value lines for the row's details. The executors report
 * plain JSON (ids, numbers, names, lists); known keys get the words the rest of the app uses, any
 * other key is spelled out from its camelCase name, so a result a newer executor adds is still
 * readable rather than hidden.
 */
const RESULT_LABELS: Record<string, string> = {
  incidentId: 'Incident id',
  incidentNumber: 'Incident number',
  url: 'Incident URL',
  status: 'Status',
  note: 'Note',
  caseId: 'Case id',
  caseNumber: 'Case number',
  commentId: 'Comment id',
  fields: 'Fields written',
  level: 'Escalation level',
  escalationLevel: 'Escalation level',
  durationMinutes: 'Snoozed for (minutes)',
  snoozedForMinutes: 'Snoozed for (minutes)',
  snoozedUntil: 'Snoozed until',
  resolution: 'Resolution note',
  responders: 'Responders',
  responderNames: 'Responders',
  responderRequestId: 'Responder request id',
  userIds: 'Users',
  escalationPolicyIds: 'Escalation policies',
  message: 'Message',
  statusUpdateId: 'Status update id',
  workflowId: 'Workflow',
  workflowName: 'Workflow',
  workflowInstanceId: 'Workflow run id',
  conferenceNumber: 'Conference number',
  conferenceUrl: 'Conference URL',
  alreadyDone: 'Already done',
};

function spelledOut(key: string): string {
  const words = key
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function resultValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(none)';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.map(resultValue).join(', ');
  if (typeof value === 'object') {
    // PagerDuty references ({ id, summary } or { id, name }) read as their name.
    const named = value as { name?: unknown; summary?: unknown; id?: unknown };
    if (typeof named.name === 'string') return named.name;
    if (typeof named.summary === 'string') return named.summary;
    return JSON.stringify(value);
  }
  return JSON.stringify(value);
}

/** Result keys that hold PagerDuty ids of users, escalation policies or workflows: shown by name when known. */
const NAMED_ID_KEYS: ReadonlySet<string> = new Set(['userIds', 'escalationPolicyIds', 'workflowId']);

/** Whether a result names PagerDuty ids that the PagerDuty lists can turn into names. */
export function resultNamesPagerDutyIds(result: unknown): boolean {
  return typeof result === 'object' && result !== null && Object.keys(result).some((key) => NAMED_ID_KEYS.has(key));
}

/** `names`: PagerDuty id → name (users, escalation policies, workflows); an id not in it is shown as it is. */
export function describeJobResult(result: unknown, names: Readonly<Record<string, string>> = {}): [label: string, value: string][] {
  if (result === null || result === undefined) return [];
  if (typeof result !== 'object' || Array.isArray(result)) return [['Result', resultValue(result)]];
  return Object.entries(result as Record<string, unknown>).map(([key, value]) => {
    const nameOf = (id: unknown): unknown => (typeof id === 'string' ? (names[id] ?? id) : id);
    const named: unknown = NAMED_ID_KEYS.has(key) ? (Array.isArray(value) ? (value as unknown[]).map(nameOf) : nameOf(value)) : value;
    return [RESULT_LABELS[key] ?? spelledOut(key), resultValue(named)];
  });
}
