import type { PagerDutyClient } from '../../vendors/pagerduty/client';
import { listPolicyOnCalls, type PolicyOnCall } from '../../vendors/pagerduty/onCalls';

/**
 * The on-calls of escalation policies, shared by every open console for a short while. Each
 * console reads its Case again whenever one of its incidents changes, and 40 Cases of one outage
 * mean 40 consoles on one policy: without sharing, each refresh would add a call against the
 * account's rate limit (which the sync engine needs too). On-calls change when a schedule hands
 * over or an admin edits the policy, not when an incident escalates (the incident's assignees do,
 * and the incident is read live), so a half-minute-old answer still tells the level right.
 * A failed read is not kept: the next console asks again.
 */
export class OnCallReads {
  readonly #cached = new Map<string, { at: number; onCalls: Promise<PolicyOnCall[]> }>();

  constructor(
    private readonly client: () => Promise<PagerDutyClient>,
    private readonly maxAgeMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Everyone on call now at each level of `escalationPolicyId`. */
  read(escalationPolicyId: string): Promise<PolicyOnCall[]> {
    const at = this.now();
    const cached = this.#cached.get(escalationPolicyId);
    if (cached && at - cached.at <= this.maxAgeMs) return cached.onCalls;
    this.#dropExpired(at);
    const entry = { at, onCalls: this.client().then((client) => listPolicyOnCalls(client, [escalationPolicyId])) };
    this.#cached.set(escalationPolicyId, entry);
    entry.onCalls.catch(() => {
      if (this.#cached.get(escalationPolicyId) === entry) this.#cached.delete(escalationPolicyId);
    });
    return entry.onCalls;
  }

  /** An account has a bounded number of policies, but a long-running app should not keep the ones nobody looks at. */
  #dropExpired(at: number): void {
    for (const [policyId, entry] of this.#cached) if (at - entry.at > this.maxAgeMs) this.#cached.delete(policyId);
  }
}
