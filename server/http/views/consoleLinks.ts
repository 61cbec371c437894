import type { SalesforceSession } from '../../vendors/salesforce/session';

/** What the links need of the Salesforce session: its signed-in connection's instance URL. */
export interface InstanceUrlSource {
  connection(): Promise<{ instanceUrl?: string }>;
}

/** After a sign-in that outlasted the timeout, requests skip the wait this long. */
const SLOW_SIGN_IN_PAUSE_MS = 5_000;

export type CaseUrlOf = (caseId: string) => string | null;

export interface ConsoleLinksOptions {
  /** How long a log request waits for a first Salesforce sign-in before answering without links. Default 1.5 s. */
  connectTimeoutMs?: number;
  /** After a failed sign-in, how long to answer without links before trying again. Default 30 s. */
  retryAfterMs?: number;
  now?: () => number;
}

/**
 * Links from SYNC LOG rows into Salesforce. The instance URL comes from the engine's shared
 * Salesforce connection (cached there once signed in); a failed or slow sign-in must never slow
 * the log down, so it is bounded by a timeout and remembered for a while.
 */
export class SalesforceConsoleLinks {
  readonly #connectTimeoutMs: number;
  readonly #retryAfterMs: number;
  readonly #now: () => number;
  #failedAt: number | undefined;

  constructor(
    private readonly session: InstanceUrlSource,
    options: ConsoleLinksOptions,
  ) {
    this.#connectTimeoutMs = options.connectTimeoutMs ?? 1_500;
    this.#retryAfterMs = options.retryAfterMs ?? 30_000;
    this.#now = options.now ?? Date.now;
  }

  /**
   * A function from Case Id to the page of that Case: its Lightning record page (the Salesforce
   * emulator's console answers at the same address in demo mode); to null when Salesforce is not
   * reachable.
   */
  async caseUrlOf(): Promise<CaseUrlOf> {
    const instanceUrl = await this.#instanceUrl();
    if (!instanceUrl) return () => null;
    const base = instanceUrl.replace(/\/+$/, '');
    return (caseId) => `${base}/lightning/r/Case/${encodeURIComponent(caseId)}/view`;
  }

  async #instanceUrl(): Promise<string | undefined> {
    if (this.#failedAt !== undefined && this.#now() - this.#failedAt < this.#retryAfterMs) return undefined;
    let cancelTimeout = () => {};
    const timeout = new Promise<undefined>((resolve) => {
      const handle = setTimeout(resolve, this.#connectTimeoutMs);
      cancelTimeout = () => clearTimeout(handle);
    });
    try {
      const connection = await Promise.race([this.session.connection(), timeout]);
      if (connection?.instanceUrl) {
        this.#failedAt = undefined;
        return connection.instanceUrl;
      }
      // Still signing in: the session keeps the attempt; ask it again on a later request.
      this.#failedAt = this.#now() - this.#retryAfterMs + SLOW_SIGN_IN_PAUSE_MS;
    } catch {
      // Not configured or not reachable: the log still answers, without Salesforce links.
      this.#failedAt = this.#now();
    } finally {
      cancelTimeout();
    }
    return undefined;
  }
}

const perEngine = new WeakMap<SalesforceSession, SalesforceConsoleLinks>();

/** One link builder per app instance (keyed by its Salesforce session), shared by the log endpoints. */
export function consoleLinksFor(session: SalesforceSession): SalesforceConsoleLinks {
  let links = perEngine.get(session);
  if (!links) perEngine.set(session, (links = new SalesforceConsoleLinks(session, {})));
  return links;
}
