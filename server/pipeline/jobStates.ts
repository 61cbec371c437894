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
