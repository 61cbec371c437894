/**
 * Job states and the transitions allowed between them.
 *
 *   pending ──claim──▶ running ──▶ done
 *      ▲                  │ ├──▶ failed ──(run_at reached) claim──▶ running
 *      │                  │ └──▶ dead   (attempts exhausted or a permanent error)
 *      ├──── release ─────┘      (graceful shutdown hands the job back untouched)
 *      └──── retry (admin) ◀── dead | failed
 *
 * A running job whose lease expired (its worker died) is claimable again, counting an attempt.
 * JobQueue's statements change a job's state only from the states listed here (`statesBefore`).
 */
export const JOB_STATES = ['pending', 'running', 'done', 'failed', 'dead'] as const;
export type JobState = (typeof JOB_STATES)[number];

export const JOB_TRANSITIONS: Record<JobState, readonly JobState[]> = {
  pending: ['running'],
  running: ['done', 'failed', 'dead', 'pending', 'running'],
  failed: ['running', 'pending', 'dead'],
  dead: ['pending'],
  done: [],
};

export function canTransition(from: JobState, to: JobState): boolean {
  return JOB_TRANSITIONS[from].includes(to);
}

/**
 * The states a job may move to `to` from, per JOB_TRANSITIONS, among `meant` (the states a
 * statement means to move; all by default). Every state-changing statement of the job queue puts
 * them in its WHERE, so that it cannot make a transition this table does not list: such a job is
 * left as it is, and the caller hears that nothing changed. Throws when none remains, since the
 * statement could then never change anything (the table and the queue disagree).
 */
export function statesBefore(to: JobState, meant: readonly JobState[] = JOB_STATES): JobState[] {
  const allowed = meant.filter((from) => canTransition(from, to));
  if (allowed.length === 0) throw new Error(`JOB_TRANSITIONS lets no job in state ${meant.join(' or ')} move to ${to}`);
  return allowed;
}
