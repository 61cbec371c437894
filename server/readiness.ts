/**
 * Whether this instance should get traffic from a load balancer: only between the end of its
 * start (store migrated, worker and intake running) and the first shutdown signal. The vendors'
 * state is not part of it: an outage of Salesforce or PagerDuty would otherwise take every
 * instance out of rotation at once, webhook intake included (it is on SUMMARY and /metrics).
 */
export class Readiness {
  #phase: 'starting' | 'serving' | 'draining' = 'starting';

  get phase(): 'starting' | 'serving' | 'draining' {
    return this.#phase;
  }

  /** Everything is started: the instance may take traffic. */
  started(): void {
    if (this.#phase === 'starting') this.#phase = 'serving';
  }

  /** A shutdown began: /readyz answers 503 from now on, so the balancer stops sending work here. */
  draining(): void {
    this.#phase = 'draining';
  }
}
