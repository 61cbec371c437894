import { describe, expect, it } from 'vitest';
import type { Rule } from '../../../rules';
import { unknownPagerDutyReferences } from './pagerDutyReferences';

const directory = {
  users: [{ id: 'PU1', name: 'Ada Lovelace', email: 'ada@example.com' }],
  escalationPolicies: [{ id: 'PE1', name: 'Support Escalation' }],
  incidentWorkflows: [{ id: 'PW1', name: 'Notify stakeholders' }],
};

const rule = (actions: Rule['actions']): Rule => ({
  id: 'r',
  name: 'R',
  runOn: { kind: 'case', on: 'both' },
  conditions: [],
  filterLogic: { kind: 'all' },
  actions,
  stopProcessing: false,
});

describe('unknownPagerDutyReferences', () => {
  it('names the responders and workflows PagerDuty does not list, at the input that holds them', () => {
    const errors = unknownPagerDutyReferences(
      {
        rules: [
          rule([{ type: 'add_note', content: 'x' }]),
          rule([
            { type: 'add_responders', userIds: ['PU1', 'PX', 'PY'], escalationPolicyIds: ['PE1'], message: 'm' },
            { type: 'start_incident_workflow', workflowId: 'PGONE' },
          ]),
        ],
      },
      directory,
    );
    expect(errors).toEqual([
      { path: 'rules[1].actions[0].userIds', message: 'PagerDuty has no user PX, PY: remove it and choose the responders again' },
      { path: 'rules[1].actions[1].workflowId', message: "PagerDuty has no incident workflow PGONE: choose one of the account's workflows" },
    ]);
  });

  it('accepts listed ids and leaves services and priorities to the executor', () => {
    expect(
      unknownPagerDutyReferences(
        {
          rules: [
            rule([
              { type: 'create_incident', serviceId: 'PANYSERVICE', priorityId: 'PANY' },
              { type: 'add_responders', escalationPolicyIds: ['PE1'], message: 'm' },
              { type: 'start_incident_workflow', workflowId: 'PW1' },
            ]),
          ],
        },
        directory,
      ),
    ).toEqual([]);
  });
});
