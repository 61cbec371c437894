import type { Executor } from '../store/db';
import type { NewJob } from './jobQueue';
import type { CaseIncidentLink, LinkStore } from './links';

/**
 * An incident event acts on every Case linked to the incident (many Cases, one incident): one
 * job per Case, in that Case's queue, keyed by the event and the Case, so a second processing
 * or delivery of the event adds none and a Case's jobs stay in order with its own changes.
 * The job names its Case; when it runs, it acts only if that Case is still linked to the
 * incident (the agent may have unlinked it since).
 */

type CaseJob = Omit<NewJob, 'eventId'>;

/** What a fanned-out job's payload carries: the incident, and the Case it acts on. */
export interface ForLinkedCase {
  incidentId: string;
  /** Absent in jobs enqueued before incidents had several Cases: they act on the primary Case. */
  caseId?: string;
}

/** One job per linked Case: `job` gives the task and the payload, this adds the Case, its queue and a key per Case. */
export function perLinkedCase(
  links: readonly CaseIncidentLink[],
  about: { key: string; incidentId: string; incidentNumber: string | null },
  job: (link: CaseIncidentLink) => { task: string; payload: ForLinkedCase & Record<string, unknown> },
): CaseJob[] {
  return links.map((link) => ({
    ...job(link),
    key: `${about.key}:case:${link.caseId}`,
    queueKey: `case:${link.caseId}`,
    caseId: link.caseId,
    caseNumber: link.caseNumber,
    incidentId: about.incidentId,
    incidentNumber: about.incidentNumber,
  }));
}

export const NO_LINKED_CASE = 'The incident has no linked Case';

/**
 * The link a fanned-out job acts on, read when it runs: its Case's, while that Case is still
 * linked to the incident; or why it does nothing (SYNC LOG shows it as Skipped).
 */
export async function linkedCaseOf(links: LinkStore, payload: ForLinkedCase, trx?: Executor): Promise<CaseIncidentLink | { skipped: string }> {
  if (payload.caseId === undefined) return (await links.primaryOfIncident(payload.incidentId, trx)) ?? { skipped: NO_LINKED_CASE };
  const link = await links.byCase(payload.caseId, trx);
  if (link?.incidentId === payload.incidentId) return link;
  return { skipped: `Case ${link?.caseNumber ?? payload.caseId} is no longer linked to this incident` };
}
