import { describe, expect, it } from 'vitest';
import { previewAction } from './actionPreview';

const names = { PU1: 'Ada Lovelace', PE2: 'Support Escalation', PW1: 'Notify stakeholders', PS1: 'Checkout API', PP1: 'P1' };

describe('previewAction', () => {
  it('names responders and shows the rendered message', () => {
    const preview = previewAction({ type: 'add_responders', userIds: ['PU1'], escalationPolicyIds: ['PE2'], message: 'Case 00001001 needs you' }, names);
    expect(preview.summary).toBe('Add responders: Ada Lovelace, Support Escalation — message: Case 00001001 needs you');
    expect(preview.title).toBe('Add responders to the linked incident');
    expect(preview.values).toEqual([
      ['Responders', 'Ada Lovelace'],
      ['Responders', 'Support Escalation'],
      ['Message to responders', 'Case 00001001 needs you'],
    ]);
  });

  it('keeps an id PagerDuty did not list visible, and leaves out empty lists', () => {
    const preview = previewAction({ type: 'add_responders', userIds: ['PGONE'], escalationPolicyIds: [], message: 'm' }, names);
    expect(preview.summary).toBe('Add responders: PGONE — message: m');
    expect(preview.values).toEqual([
      ['Responders', 'PGONE'],
      ['Message to responders', 'm'],
    ]);
  });

  it('previews every other incident action in one line', () => {
    expect(previewAction({ type: 'publish_status_update', message: 'Investigating' }).summary).toBe('Publish status update: Investigating');
    expect(previewAction({ type: 'publish_status_update', message: 'Investigating' }).values).toEqual([['Status update', 'Investigating']]);
    expect(previewAction({ type: 'start_incident_workflow', workflowId: 'PW1' }, names).summary).toBe('Start workflow: Notify stakeholders');
    expect(previewAction({ type: 'escalate_incident', level: 2 }).summary).toBe('Escalate incident to level 2');
    expect(previewAction({ type: 'snooze_incident', durationMinutes: 90 }).summary).toBe('Snooze incident for 1 hour 30 minutes');
    expect(previewAction({ type: 'snooze_incident', durationMinutes: 90 }).values).toEqual([['Snooze for', '1 hour 30 minutes']]);
    expect(previewAction({ type: 'resolve_incident', resolution: 'Fixed in 4.2' }).summary).toBe('Resolve incident — resolution: Fixed in 4.2');
    expect(previewAction({ type: 'resolve_incident' }).summary).toBe('Resolve incident');
    expect(previewAction({ type: 'set_conference_bridge', conferenceNumber: '+1 555 0100', conferenceUrl: 'https://meet.example.com/x' }).summary).toBe(
      'Set conference bridge: +1 555 0100, https://meet.example.com/x',
    );
    expect(previewAction({ type: 'create_incident', serviceId: 'PS1', urgency: 'high', priorityId: 'PP1' }, names).summary).toBe(
      'Create incident on Checkout API — urgency high, priority P1',
    );
    expect(previewAction({ type: 'update_incident', assignToUserIds: ['PU1'], urgency: 'low' }, names).summary).toBe(
      'Update incident: reassign to Ada Lovelace, urgency low',
    );
  });

  it('shows Case actions with their values under the editor labels', () => {
    expect(previewAction({ type: 'add_case_comment', body: 'Acknowledged by PagerDuty', isPublished: false })).toEqual({
      title: 'Add a Case comment',
      summary: 'Add Case comment (internal): Acknowledged by PagerDuty',
      values: [
        ['Comment', 'Acknowledged by PagerDuty'],
        ['Public comment', 'No'],
      ],
    });
    const fields = previewAction({ type: 'set_case_fields', values: { Status: 'Working', Reason: null } });
    expect(fields.values).toEqual([
      ['Status', 'Working'],
      ['Reason', '(blank)'],
    ]);
    expect(fields.summary).toBe('Set Case fields: Status = Working, Reason = (blank)');
  });
});
