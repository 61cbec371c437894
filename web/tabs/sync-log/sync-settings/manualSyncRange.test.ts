import { describe, expect, it } from 'vitest';
import { fullSyncRange } from './manualSyncRange';

const day = (iso: string) => iso.slice(0, 10);

describe('fullSyncRange', () => {
  it('says from when a full sync reads Cases: the saved start date', () => {
    expect(fullSyncRange('2026-03-01T12:00:00.000Z', '2026-03-01T12:00:00Z', day)).toBe('Full sync reads Cases changed since 2026-03-01.');
  });

  it('says when the start date on the form is not saved yet', () => {
    expect(fullSyncRange('2026-03-01T12:00:00.000Z', '2026-01-01T00:00:00.000Z', day)).toBe(
      'Full sync reads Cases changed since 2026-03-01. Save to read from the start date above instead.',
    );
  });
});
