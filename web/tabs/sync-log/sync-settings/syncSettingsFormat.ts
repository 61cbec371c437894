import type { SyncRunView, SyncSettings } from '../../../../contracts/sync';

/** Pure helpers of `<pd-sync-settings>`, tested without a browser. */

/** `2026-01-01T00:00:00.000Z` → the `datetime-local` input value in the browser's time zone. */
export function toLocalInput(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A `datetime-local` value (local time) → ISO in UTC; undefined when empty or invalid. */
export function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The help under the Automatic sync switch: what the sync does in the state the form shows. */
export function automaticSyncHelp(settings: Pick<SyncSettings, 'automaticSync' | 'intakeMode' | 'pollIntervalSeconds'>): string {
  if (!settings.automaticSync) return 'Off: only manual syncs read Salesforce.';
  if (settings.intakeMode === 'cdc') return 'On: Case changes arrive as they happen (Change Data Capture).';
  const seconds = settings.pollIntervalSeconds;
  return Number.isInteger(seconds) && seconds > 0
    ? `On: Salesforce is polled for changed Cases every ${seconds} seconds.`
    : 'On: Salesforce is polled for changed Cases.';
}

/** "120 of 480 Cases (25%)", or what the run is doing before it has counted. */
export function progressLabel(run: Pick<SyncRunView, 'processed' | 'total' | 'percent' | 'state'>): string {
  if (run.total === null) return run.state === 'running' ? 'Counting Cases…' : `${run.processed} Cases`;
  const cases = run.total === 1 ? 'Case' : 'Cases';
  return `${run.processed} of ${run.total} ${cases} (${run.percent}%)`;
}

const STATE_LABELS: Record<SyncRunView['state'], string> = {
  running: 'Running',
  succeeded: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export function stateLabel(state: SyncRunView['state']): string {
  return STATE_LABELS[state];
}

export function modeLabel(mode: SyncRunView['mode']): string {
  return mode === 'full' ? 'Full sync' : 'Incremental sync';
}

/** The slds-progress-bar value class: green when done, red when failed, grey when cancelled. */
export function progressTone(state: SyncRunView['state']): 'success' | 'error' | 'neutral' | 'running' {
  return state === 'succeeded' ? 'success' : state === 'failed' ? 'error' : state === 'cancelled' ? 'neutral' : 'running';
}
