import { describe, expect, it } from 'vitest';
import { incidentTimeline } from './agentTimeline';

describe('incidentTimeline', () => {
  it('merges log entries, notes and status updates newest first, the note standing for its annotate log entry', () => {
    const entries = incidentTimeline(
      // PagerDuty lists an incident's log entries newest first.
      [
        { id: 'L3', type: 'annotate_log_entry', summary: 'Note added', created_at: '2026-12-07T10:06:00Z' },
        { id: 'L2', type: 'acknowledge_log_entry', summary: 'Acknowledged by Ada', created_at: '2026-12-07T10:05:00Z', agent: { summary: 'Ada' } },
        { id: 'L1', type: 'trigger_log_entry', summary: 'Triggered through the API', created_at: '2026-12-07T10:00:00Z', agent: { summary: 'Checkout API' } },
      ],
      [{ id: 'N1', content: 'Looking into it.', created_at: '2026-12-07T10:06:00Z', user: { summary: 'Ada' } }],
      [{ eventId: 7, message: 'A fix is being deployed.', at: '2026-12-07T10:10:00Z', by: null }],
    );
    expect(entries.map((entry) => [entry.kind, entry.text, entry.by])).toEqual([
      ['status_update', 'A fix is being deployed.', null],
      ['note', 'Looking into it.', 'Ada'],
      ['log_entry', 'Acknowledged by Ada', 'Ada'],
      ['log_entry', 'Triggered through the API', 'Checkout API'],
    ]);
    expect(new Set(entries.map((entry) => entry.id)).size).toBe(entries.length);
  });

  it("keeps PagerDuty's newest-first order among entries of the same second", () => {
    const second = '2026-12-07T10:00:00Z';
    const entries = incidentTimeline(
      [
        { id: 'L3', type: 'trigger_log_entry', created_at: second },
        { id: 'L2', type: 'acknowledge_log_entry', created_at: second },
        { id: 'L1', type: 'trigger_log_entry', created_at: second },
      ],
      [
        { id: 'N1', content: 'first', created_at: second },
        { id: 'N2', content: 'second', created_at: second },
      ],
      [],
    );
    expect(entries.map((entry) => entry.id)).toEqual(['log_entry:L3', 'log_entry:L2', 'log_entry:L1', 'note:N2', 'note:N1']);
  });

  it('puts a note where its annotation stands in the log, even in the same second as the entry before it', () => {
    const second = '2026-12-07T10:00:00Z';
    const entries = incidentTimeline(
      [
        { id: 'L3', type: 'annotate_log_entry', created_at: second },
        { id: 'L2', type: 'acknowledge_log_entry', created_at: second },
        { id: 'L1', type: 'annotate_log_entry', created_at: '2026-12-07T09:59:00Z' },
      ],
      [
        { id: 'N1', content: 'older note', created_at: '2026-12-07T09:59:00Z' },
        { id: 'N2', content: 'newer note', created_at: second },
      ],
      [],
    );
    expect(entries.map((entry) => entry.id)).toEqual(['note:N2', 'log_entry:L2', 'note:N1']);
  });

  it('names a log entry without a summary by its type', () => {
    const [entry] = incidentTimeline([{ id: 'L9', type: 'escalate_log_entry', created_at: '2026-12-07T10:00:00Z' }], [], []);
    expect(entry?.text).toBe('escalate');
  });
});
