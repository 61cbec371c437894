import { describe, expect, it } from 'vitest';
import { JOB_STATES, JOB_TRANSITIONS, canTransition, statesBefore } from './jobStates';

describe('job state transitions', () => {
  it('lets nothing leave done', () => {
    for (const to of JOB_STATES) expect(canTransition('done', to), `done → ${to}`).toBe(false);
  });

  it('answers the states a job may move to a state from, as listed', () => {
    expect(statesBefore('running')).toEqual(['pending', 'running', 'failed']);
    expect(statesBefore('done')).toEqual(['running']);
    expect(statesBefore('pending')).toEqual(['running', 'failed', 'dead']);
    for (const to of JOB_STATES) {
      for (const from of statesBefore(
        to,
        JOB_STATES.filter((state) => JOB_TRANSITIONS[state].includes(to)),
      ))
        expect(canTransition(from, to)).toBe(true);
    }
  });

  it('narrows to the states a statement means to move, dropping those the list does not allow', () => {
    expect(statesBefore('pending', ['dead', 'failed', 'done'])).toEqual(['dead', 'failed']);
    expect(statesBefore('dead', ['running'])).toEqual(['running']);
  });

  it('throws when no meant state may move there: the statement could never change anything', () => {
    expect(() => statesBefore('pending', ['done'])).toThrow('JOB_TRANSITIONS lets no job in state done move to pending');
    expect(() => statesBefore('running', ['done', 'dead'])).toThrow(/no job in state done or dead move to running/);
  });
});
