import { describe, expect, it } from 'vitest';
import { automaticSyncHelp, fromLocalInput, progressLabel, progressTone, toLocalInput } from './syncSettingsFormat';

describe('sync settings format', () => {
  it('round-trips a start date through the datetime-local input', () => {
    const iso = '2026-03-04T05:06:00.000Z';
    expect(fromLocalInput(toLocalInput(iso))).toBe(iso);
    expect(toLocalInput('not a date')).toBe('');
    expect(fromLocalInput('')).toBeUndefined();
    expect(fromLocalInput('garbage')).toBeUndefined();
  });

  it('labels progress before and after counting', () => {
    expect(progressLabel({ processed: 0, total: null, percent: 0, state: 'running' })).toBe('Counting Cases…');
    expect(progressLabel({ processed: 120, total: 480, percent: 25, state: 'running' })).toBe('120 of 480 Cases (25%)');
    expect(progressLabel({ processed: 1, total: 1, percent: 100, state: 'succeeded' })).toBe('1 of 1 Case (100%)');
    expect(progressLabel({ processed: 3, total: null, percent: 0, state: 'failed' })).toBe('3 Cases');
  });

  it('colours the bar by state', () => {
    expect(progressTone('succeeded')).toBe('success');
    expect(progressTone('failed')).toBe('error');
    expect(progressTone('cancelled')).toBe('neutral');
    expect(progressTone('running')).toBe('running');
  });

  it('describes automatic sync as it is set', () => {
    const on = { automaticSync: true, intakeMode: 'cdc', pollIntervalSeconds: 60 } as const;
    expect(automaticSyncHelp(on)).toBe('On: Case changes arrive as they happen (Change Data Capture).');
    expect(automaticSyncHelp({ ...on, intakeMode: 'poll' })).toBe('On: Salesforce is polled for changed Cases every 60 seconds.');
    expect(automaticSyncHelp({ ...on, intakeMode: 'poll', pollIntervalSeconds: Number.NaN })).toBe('On: Salesforce is polled for changed Cases.');
    expect(automaticSyncHelp({ ...on, automaticSync: false })).toBe('Off: only manual syncs read Salesforce.');
  });
});
