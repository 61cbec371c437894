import { describe, expect, it } from 'vitest';
import type { SyncLogJob } from '../../../contracts/syncLog';
import {
  eventKindLabel,
  describeJobResult,
  resultNamesPagerDutyIds,
  entryKey,
  formatAttempts,
  formatDuration,
  jobError,
  jobStatus,
  operatorLabel,
  STATUS_LOOKS,
  taskLabel,
  sourceLabel,
  traceValue,
} from './syncLogFormat';

const job = (overrides: Partial<SyncLogJob>): SyncLogJob => ({
  id: 1,
  task: 'process_event',
  state: 'done',
  attempts: 1,
  maxAttempts: 8,
  lastError: null,
  errorHint: null,
  durationMs: 5,
  createdAt: '2026-11-22T10:00:00.000Z',
  finishedAt: null,
  caseId: null,
  caseNumber: null,
  caseUrl: null,
  incidentId: null,
  incidentNumber: null,
  incidentUrl: null,
  result: null,
  skippedReason: null,
  retryable: false,
  ...overrides,
});

describe('sync log format', () => {
  it('formats durations and attempts', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(840)).toBe('840 ms');
    expect(formatDuration(2_440)).toBe('2.4 s');
    expect(formatDuration(185_000)).toBe('3 min 5 s');
    expect(formatAttempts(job({ attempts: 2, maxAttempts: 3 }))).toBe('2/3');
    expect(formatAttempts(null)).toBe('—');
  });

  it("shows a job's error with its hint, never a done job's", () => {
    expect(jobError(null)).toBeNull();
    expect(jobError(job({}))).toBeNull();
    expect(jobError(job({ state: 'done', lastError: 'old' }))).toBeNull();
    expect(jobError(job({ state: 'dead', lastError: 'PagerDuty 400', errorHint: 'Fix the service' }))).toEqual({
      message: 'PagerDuty 400',
      hint: 'Fix the service',
    });
    expect(jobError(job({ state: 'failed', lastError: 'ECONNREFUSED' }))).toEqual({ message: 'ECONNREFUSED', hint: null });
  });

  it('tells a skipped action from a done one, with a look of its own', () => {
    expect(jobStatus(job({ state: 'done' }))).toBe('done');
    expect(jobStatus(job({ state: 'done', skippedReason: 'The incident has no linked Case' }))).toBe('skipped');
    expect(jobStatus(job({ state: 'running' }))).toBe('pending');
    expect(STATUS_LOOKS.skipped.label).toBe('Skipped');
    const look = ({ tone, icon }: { tone: string; icon: string }) => `${tone}/${icon}`;
    const others = Object.entries(STATUS_LOOKS).filter(([status]) => status !== 'skipped');
    expect(others.map(([, other]) => look(other))).not.toContain(look(STATUS_LOOKS.skipped));
  });

  it('names operators as the rule editor does', () => {
    expect(operatorLabel('changed_to')).toBe('changed to');
    expect(operatorLabel('not_equals')).toBe('does not equal');
    expect(operatorLabel('in')).toBe('is one of');
    expect(operatorLabel('future_operator')).toBe('future_operator');
  });

  it('names inbound event kinds as the rule editor does, and an unknown one as it is', () => {
    expect(eventKindLabel('case.update')).toBe('Case updated');
    expect(eventKindLabel('case_comment.create')).toBe('Case comment added');
    expect(eventKindLabel('incident.acknowledged')).toBe('Incident acknowledged');
    expect(eventKindLabel('incident.some_future_event')).toBe('incident.some_future_event');
    expect(eventKindLabel('agent.addNote')).toBe('Agent: add a note');
    expect(sourceLabel('agent')).toBe('Agent (console)');
  });

  it('labels tasks, keys rows and shows trace values', () => {
    expect(taskLabel('create_incident')).toBe('Create incident');
    expect(taskLabel('add_responders')).toBe('Add responders');
    expect(taskLabel('start_incident_workflow')).toBe('Start workflow');
    expect(taskLabel('sync_note_to_comment')).toBe('Note → comment');
    expect(taskLabel('agent_create_incident')).toBe('Agent: create an incident');
    expect(taskLabel('future_task')).toBe('future_task');
    expect(entryKey({ type: 'job', id: 4 })).not.toBe(entryKey({ type: 'event', id: 4 }));
    expect(traceValue('High')).toBe('"High"');
    expect(traceValue(undefined)).toBe('(not known)');
    expect(traceValue(null)).toBe('(empty)');
    expect(traceValue(['a', 'b'])).toBe('["a","b"]');
    expect(traceValue(3)).toBe('3');
  });
});

describe('action results', () => {
  it('names every new action task readably', () => {
    expect(taskLabel('add_responders')).toBe('Add responders');
    expect(taskLabel('publish_status_update')).toBe('Publish status update');
    expect(taskLabel('start_incident_workflow')).toBe('Start workflow');
    expect(taskLabel('set_conference_bridge')).toBe('Set conference bridge');
    expect(taskLabel('escalate_incident')).toBe('Escalate incident');
    expect(taskLabel('snooze_incident')).toBe('Snooze incident');
    expect(taskLabel('resolve_incident')).toBe('Resolve incident');
  });

  it('reads results with the words of the app, references by name, and unknown keys spelled out', () => {
    expect(
      describeJobResult({
        incidentId: 'PINC1',
        responders: [
          { id: 'PU1', summary: 'Ada Lovelace' },
          { id: 'PE1', name: 'Support Escalation' },
        ],
        statusUpdateId: 'PSU1',
        workflowName: 'Notify stakeholders',
        alreadyDone: true,
        requestedAt: '2026-12-07T10:00:00Z',
        extra: { deep: 1 },
      }),
    ).toEqual([
      ['Incident id', 'PINC1'],
      ['Responders', 'Ada Lovelace, Support Escalation'],
      ['Status update id', 'PSU1'],
      ['Workflow', 'Notify stakeholders'],
      ['Already done', 'Yes'],
      ['Requested at', '2026-12-07T10:00:00Z'],
      ['Extra', '{"deep":1}'],
    ]);
    expect(describeJobResult(null)).toEqual([]);
    expect(describeJobResult('ok')).toEqual([['Result', 'ok']]);
    expect(describeJobResult({ fields: [] })).toEqual([['Fields written', '(none)']]);
  });

  it('names the users, escalation policies and workflow of a result when the PagerDuty lists know them', () => {
    const result = { incidentId: 'PINC1', responderRequestId: 'PRR1', userIds: ['PU1', 'PGONE'], escalationPolicyIds: ['PE1'], workflowId: 'PW1' };
    expect(resultNamesPagerDutyIds(result)).toBe(true);
    expect(resultNamesPagerDutyIds({ incidentId: 'PINC1' })).toBe(false);
    expect(describeJobResult(result, { PU1: 'Ada Lovelace', PE1: 'Support Escalation', PW1: 'Notify stakeholders' })).toEqual([
      ['Incident id', 'PINC1'],
      ['Responder request id', 'PRR1'],
      ['Users', 'Ada Lovelace, PGONE'],
      ['Escalation policies', 'Support Escalation'],
      ['Workflow', 'Notify stakeholders'],
    ]);
    expect(describeJobResult({ escalationLevel: 3, snoozedForMinutes: 120 })).toEqual([
      ['Escalation level', '3'],
      ['Snoozed for (minutes)', '120'],
    ]);
  });
});
