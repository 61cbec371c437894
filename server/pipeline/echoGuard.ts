/**
 * The echo guard: every check that decides "this change was made by us, skip it". The
 * integration's own writes come back to it as events (a CDC change committed by the Salesforce
 * integration user, a webhook whose agent is the PagerDuty `From` user, a comment or note we
 * wrote): such an echo updates the snapshots but fires no rules, or the two sides would pass a
 * change back and forth for ever. Nothing is planted in the text we write: a comment or note
 * is recognised by its author or as a write the engine remembers (ownWrites.ts). Each check
 * answers the SYNC LOG note saying why the event was skipped, or undefined when the change is
 * not ours.
 */

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

/** A Case comment created by the integration user, or one the engine remembers writing, is not synced back. */
export function caseCommentEcho(createdById: string, integrationUserId: string | undefined, rememberedWrite: boolean): string | undefined {
  if ((integrationUserId && sameSalesforceId(createdById, integrationUserId)) || rememberedWrite) {
    return 'Comment written by the integration: not synced back';
  }
  return undefined;
}

/**
 * An incident event whose agent is the PagerDuty integration user (the `From` user of our REST
 * calls), or a note the engine remembers writing, is our own change coming back.
 */
export function incidentEventEcho(agentId: string | undefined, integrationUserId: string | undefined, rememberedNote: boolean): string | undefined {
  if ((agentId && agentId === integrationUserId) || rememberedNote) {
    return 'Made by the integration user: an echo of our own change, rules not run';
  }
  return undefined;
}
