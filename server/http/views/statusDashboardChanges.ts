import { coalescedChanges, type EngineChange, type EngineChangeHub } from './engineChanges';

/**
 * Whether the Status Dashboard's data may have changed: an incident event (a status change, a
 * priority, a status update…) recorded from PagerDuty, or a job done (a Case linked or unlinked).
 */
const dashboardMayHaveChanged = (change: EngineChange): boolean => change.kind === 'job' || change.source === 'pagerduty' || change.incidentId !== null;

/** Calls `listener` once per burst of changes that may change the dashboard; returns the unsubscribe. */
export function onDashboardChange(hub: EngineChangeHub, listener: () => void): () => void {
  return coalescedChanges(hub, dashboardMayHaveChanged, listener);
}
