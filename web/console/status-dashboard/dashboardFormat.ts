import type { StatusDashboardIncident } from '../../../contracts/statusDashboard';

/** "10:42 UTC": customers are anywhere, so the summary names the zone. */
export function utcTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return `${String(at.getUTCHours()).padStart(2, '0')}:${String(at.getUTCMinutes()).padStart(2, '0')} UTC`;
}

/**
 * The text an agent pastes to a customer: the affected service (not the incident's internal
 * title, which may name systems or people) and the latest status update with its time.
 */
export function customerSummary(incident: Pick<StatusDashboardIncident, 'serviceName' | 'latestStatusUpdate' | 'status'>): string {
  const opening = `We are aware of an issue affecting ${incident.serviceName}.`;
  const update = incident.latestStatusUpdate;
  if (!update) {
    return `${opening} Our team ${incident.status === 'acknowledged' ? 'is working on it' : 'has been alerted'}, and we will share an update soon.`;
  }
  return `${opening} Latest update${update.at ? ` (${utcTime(update.at)})` : ''}: ${update.message.trim()}`;
}

/** How long an incident has been open: "45 min", "3 h 05 min", "2 d 4 h". */
export function timeOpen(createdAt: string, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(createdAt)) / 60_000));
  if (Number.isNaN(minutes)) return '';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** "1 Case", "2 Cases". */
export function caseCount(count: number): string {
  return `${count} ${count === 1 ? 'Case' : 'Cases'}`;
}
