import type { Knex } from 'knex';
import type { Db } from './db';

type Work<T> = (trx: Knex.Transaction) => Promise<T>;

interface Waiting {
  work: Work<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: units of work submitted while a transaction is being written share the next
 * one, because on both engines a commit costs far more than the few rows each unit writes
 * (webhook intake, job completions). Each caller still hears back only after its work is
 * committed. If a group fails, every unit is retried alone in its own transaction, so one bad
 * unit cannot fail its neighbours; units must therefore only write to the database.
 * Hand-written: knex has no such batching, and the job-queue libraries that do it own their
 * tables and transactions.
 */
export class GroupCommit {
  #waiting: Waiting[] = [];
  #flushing = false;
  /** When the last group was committed (performance.now()). */
  #lastCommitAt = -Infinity;

  constructor(
    private readonly db: Db,
    private readonly maxGroup = 500,
  ) {}

  run<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#waiting.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.#flushing) {
        this.#flushing = true;
        // Let the callers of this turn of the event loop join the first group. Under load (a
        // group committed a moment ago) wait a millisecond more, as PostgreSQL's commit_delay
        // does: that third fewer transactions costs each unit about a millisecond of latency.
        if (performance.now() - this.#lastCommitAt < BUSY_WITHIN_MS) setTimeout(() => void this.#flush(), LINGER_MS);
        else setImmediate(() => void this.#flush());
      }
    });
  }

  async #flush(): Promise<void> {
    try {
      while (this.#waiting.length > 0) {
        const group = this.#waiting.splice(0, this.maxGroup);
        const [only] = group;
        if (only && group.length === 1) {
          await this.#runAlone(only);
          continue;
        }
        let results: unknown[];
        try {
          results = await this.db.transaction(async (trx) => {
            const values: unknown[] = [];
            for (const waiting of group) values.push(await waiting.work(trx));
            return values;
          });
        } catch {
          for (const waiting of group) await this.#runAlone(waiting);
          continue;
        }
        group.forEach((waiting, index) => waiting.resolve(results[index]));
      }
    } finally {
      this.#flushing = false;
      this.#lastCommitAt = performance.now();
    }
  }

  async #runAlone(waiting: Waiting): Promise<void> {
    await this.db.transaction(waiting.work).then(waiting.resolve, waiting.reject);
  }
}

/** A commit this recent means units are arriving back to back. */
const BUSY_WITHIN_MS = 2;
/** How long a group waits for company under load. */
const LINGER_MS = 1;
