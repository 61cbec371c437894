import type { SyncEngine } from '../../pipeline/engine';

/** Engine events within this window reach the open dashboards as one `changed` message. */
const COALESCE_MS = 250;

/**
 * When the Status Dashboard's data may have changed: an incident event (a status change, a
 * priority, a status update…) recorded from PagerDuty, or a job done (a Case linked or unlinked).
 * Bursts are coalesced, so a storm of events makes each open page refresh once, not once per event.
 */
export function onDashboardChange(engine: Pick<SyncEngine, 'on' | 'off'>, listener: () => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  const changed = () => {
    timer ??= setTimeout(() => {
      timer = undefined;
      listener();
    }, COALESCE_MS);
  };
  const eventRecorded = (event: { source: string; incidentId?: string | null }) => {
    if (event.source === 'pagerduty' || event.incidentId) changed();
  };
  const jobFinished = (_job: unknown, outcome: string) => {
    if (outcome === 'done') changed();
  };
  engine.on('eventRecorded', eventRecorded);
  engine.on('jobFinished', jobFinished);
  return () => {
    clearTimeout(timer);
    engine.off('eventRecorded', eventRecorded);
    engine.off('jobFinished', jobFinished);
  };
}
