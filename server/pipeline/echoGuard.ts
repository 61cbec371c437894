/**
 * The echo guard: every check that decides "this change was made by us, skip it". The
 * integration's own writes come back to it as events (a CDC change committed by the Salesforce
 * integration user, a webhook whose agent is the PagerDuty `From` user, a comment or note we
 * wrote): such an echo updates the snapshots but fires no rules, or the two sides would pass a
 * change back and forth for ever. Each check answers the SYNC LOG note saying why the event was
 * skipped, or undefined when the change is not ours.
 */

/**
 * Appended to every note and comment the integration writes, so that its echo from the other
 * side is recognised even when its author is not the integration user (a comment poller sees
 * the writer's Id, a note webhook may name no agent). It is U+200B ZERO WIDTH SPACE: invisible
 * to the people who read the note or comment, and not something they type. Built from its code
 * point because the literal character would be just as invisible in this source file.
 */
export const SYNC_MARKER = String.fromCodePoint(0x200b);

/** The text of a note or comment the integration writes: marked, so its echo is recognised. */
export function markAsSynced(text: string): string {
  return text + SYNC_MARKER;
}

/** Whether a note or comment was written by the integration (carries the marker). */
export function carriesSyncMarker(text: string | null): boolean {
  return text?.includes(SYNC_MARKER) ?? false;
}

/** 15- and 18-character Ids of the same record compare equal (the 18-character form adds a case-safe suffix). */
export function sameSalesforceId(a: string, b: string): boolean {
  return a.slice(0, 15) === b.slice(0, 15);
}

/**
 * A Case change committed by the Salesforce integration user (CDC `commitUser`, or the polled
 * `LastModifiedById`) is our own write coming back.
 */
export function caseChangeEcho(commitUser: string | null, integrationUserId: string | undefined): string | undefined {
  if (commitUser && integrationUserId && sameSalesforceId(commitUser, integrationUserId)) {
    return 'Written by the integration user: an echo of our own change, rules not run';
  }
  return undefined;
}

/** A Case comment created by the integration user, or carrying our marker, is not synced back. */
export function caseCommentEcho(comment: { createdById: string; body: string }, integrationUserId: string | undefined): string | undefined {
  if ((integrationUserId && sameSalesforceId(comment.createdById, integrationUserId)) || carriesSyncMarker(comment.body)) {
    return 'Comment written by the integration: not synced back';
  }
  return undefined;
}

/**
 * An incident event whose agent is the PagerDuty integration user (the `From` user of our REST
 * calls), or a note carrying our marker, is our own change coming back.
 */
export function incidentEventEcho(agentId: string | undefined, noteContent: string | null, integrationUserId: string | undefined): string | undefined {
  if ((agentId && agentId === integrationUserId) || carriesSyncMarker(noteContent)) {
    return 'Made by the integration user: an echo of our own change, rules not run';
  }
  return undefined;
}
