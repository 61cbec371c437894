import type { AlsoInTransaction, InboundEvent, Recorded } from './inbox';

/**
 * The payloads intake stores in the inbox, one shape per event kind. Intake (CDC, pollers,
 * manual sync, webhooks) writes them; the processor reads them. Kinds:
 *   case.create | case.update | case.delete        payload CaseChangePayload
 *   case_comment.create                            payload CaseCommentPayload
 *   incident.<event_type> (e.g. incident.resolved) payload PagerDutyWebhookEvent
 */

export interface CaseChangePayload {
  changeType: 'CREATE' | 'UPDATE' | 'DELETE' | 'UNDELETE';
  caseId: string;
  /** Changed fields as CDC lists them; null when the source cannot tell (polling, manual sync): the processor diffs against the snapshot. */
  changedFields: string[] | null;
  nulledFields: string[];
  /** New values: CDC's changed values (the whole record on CREATE), or the whole record from a query. */
  values: Record<string, unknown>;
  /** User Id of whoever made the change (CDC commitUser, or LastModifiedById). */
  commitUser: string | null;
  /** Epoch ms of the commit (CDC commitTimestamp, or SystemModstamp). */
  commitTimestamp: number;
  origin: 'cdc' | 'poll' | 'manual_sync' | 'reconcile';
}

export interface CaseCommentPayload {
  commentId: string;
  caseId: string;
  body: string;
  isPublished: boolean;
  createdById: string;
  createdByName: string | null;
  createdDate: string;
}

/** The `event` object of a PagerDuty v3 webhook (`{"event": {...}}`), as received. */
export interface PagerDutyWebhookEvent {
  id: string;
  event_type: string;
  resource_type: string;
  occurred_at: string;
  agent: { id: string; type: string; summary?: string; html_url?: string; self?: string } | null;
  client?: { name: string } | null;
  data: Record<string, unknown>;
}

/** Source event ids: the inbox drops a second event with the same source and id. */
export const sourceEventIds = {
  cdc: (replayId: number | string, caseId: string) => `cdc:${replayId}:${caseId}`,
  poll: (caseId: string, systemModstamp: string) => `poll:${caseId}:${systemModstamp}`,
  manualSync: (runId: string, caseId: string) => `sync:${runId}:${caseId}`,
  comment: (commentId: string) => `comment:${commentId}`,
  webhook: (eventId: string) => `pd:${eventId}`,
};

export function caseEventKind(changeType: CaseChangePayload['changeType']): string {
  return changeType === 'CREATE' ? 'case.create' : changeType === 'DELETE' ? 'case.delete' : 'case.update';
}

/**
 * Where intake hands what it brought in (CDC, pollers, webhooks, manual sync, reconciliation):
 * each call resolves once the events are stored durably, deduplicated by source event id. `also`
 * commits in the same transaction (a cursor, a webhook delivery id).
 */
export interface EventSink {
  record(event: InboundEvent, also?: AlsoInTransaction): Promise<Recorded>;
  recordMany(events: readonly InboundEvent[], also?: AlsoInTransaction): Promise<Recorded[]>;
}
