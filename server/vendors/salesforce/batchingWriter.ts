import type { SalesforceSession } from './session';
import { salesforceRecordId } from './recordId';

/** Salesforce refused one record of a write (validation, required field, deleted record…). */
export class SalesforceRecordError extends Error {
  constructor(
    readonly errorCode: string,
    message: string,
    readonly fields: string[] = [],
  ) {
    super(message);
    this.name = 'SalesforceRecordError';
  }
}

type Pending =
  | { kind: 'update'; sobject: string; id: string; values: Record<string, unknown>; resolve: () => void; reject: (error: unknown) => void }
  | { kind: 'create'; sobject: string; values: Record<string, unknown>; resolve: (id: string) => void; reject: (error: unknown) => void };

interface SaveResultLike {
  id?: string | null;
  success: boolean;
  errors?: ({ errorCode?: string; statusCode?: string; message: string; fields?: string[] } | string)[];
}

/**
 * Batches Salesforce writes: callers ask for one record at a time, and the writer sends what
 * accumulates as `composite/sobjects` requests of up to 200 records (one API call instead of
 * many). Updates of the same record in one batch are merged, later values winning. Each caller
 * gets its own record's result.
 *
 * When no write is on its way, a record goes at once (with whatever else was asked in the same
 * turn of the event loop): waiting for company that is not coming only adds latency, and an idle
 * pipeline then answers a PagerDuty change on the Case as fast as one request allows. While
 * writes are on their way, records wait for them to come back (at most `lingerMs`), so a burst
 * still goes out in batches of up to 200: what accumulates during one round trip.
 */
export class SalesforceWriter {
  #queue: Pending[] = [];
  #timer: NodeJS.Timeout | undefined;
  #immediate: NodeJS.Immediate | undefined;
  /** Batches sent and not yet answered. */
  #sending = 0;

  constructor(
    private readonly session: SalesforceSession,
    private readonly options: { lingerMs?: number; maxBatch?: number } = {},
  ) {}

  /** Refuses an id that is not a Salesforce id before it is queued: a one-record update puts it in the REST path. */
  update(sobject: string, id: string, values: Record<string, unknown>): Promise<void> {
    try {
      salesforceRecordId(id);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new TypeError(String(error)));
    }
    return new Promise((resolve, reject) => this.#enqueue({ kind: 'update', sobject, id, values, resolve, reject }));
  }

  create(sobject: string, values: Record<string, unknown>): Promise<string> {
    return new Promise((resolve, reject) => this.#enqueue({ kind: 'create', sobject, values, resolve, reject }));
  }

  #enqueue(item: Pending): void {
    this.#queue.push(item);
    if (this.#queue.length >= (this.options.maxBatch ?? 200)) {
      void this.#flush();
      return;
    }
    if (this.#timer || this.#immediate) return;
    if (this.#sending === 0) this.#immediate = setImmediate(() => void this.#flush());
    else this.#timer = setTimeout(() => void this.#flush(), this.options.lingerMs ?? 25);
  }

  async #flush(): Promise<void> {
    clearTimeout(this.#timer);
    clearImmediate(this.#immediate);
    this.#timer = undefined;
    this.#immediate = undefined;
    const batch = this.#queue;
    this.#queue = [];
    if (batch.length === 0) return;
    const groups = new Map<string, Pending[]>();
    for (const item of batch) {
      const key = `${item.kind}:${item.sobject}`;
      groups.set(key, [...(groups.get(key) ?? []), item]);
    }
    this.#sending += 1;
    try {
      await Promise.all([...groups.values()].map((items) => this.#send(items)));
    } finally {
      this.#sending -= 1;
      // What waited for this round trip goes now, not at the end of its linger.
      if (this.#sending === 0 && this.#queue.length > 0) void this.#flush();
    }
  }

  async #send(items: Pending[]): Promise<void> {
    const [first] = items;
    if (!first) return;
    for (let start = 0; start < items.length; start += 200) {
      const chunk = items.slice(start, start + 200);
      try {
        if (first.kind === 'update') await this.#sendUpdates(first.sobject, chunk as Extract<Pending, { kind: 'update' }>[]);
        else await this.#sendCreates(first.sobject, chunk as Extract<Pending, { kind: 'create' }>[]);
      } catch (error) {
        for (const item of chunk) item.reject(error);
      }
    }
  }

  async #sendUpdates(sobject: string, items: Extract<Pending, { kind: 'update' }>[]): Promise<void> {
    const merged = new Map<string, { values: Record<string, unknown>; waiting: typeof items }>();
    for (const item of items) {
      const entry = merged.get(item.id) ?? { values: {}, waiting: [] };
      Object.assign(entry.values, item.values);
      entry.waiting.push(item);
      merged.set(item.id, entry);
    }
    const records = [...merged.entries()].map(([Id, entry]) => ({ Id, ...entry.values }));
    const [single] = records;
    const results = await this.session.run<SaveResultLike | SaveResultLike[]>((connection) =>
      single && records.length === 1 ? connection.sobject(sobject).update(single) : connection.sobject(sobject).update(records, { allOrNone: false }),
    );
    const list = Array.isArray(results) ? results : [results];
    [...merged.values()].forEach((entry, index) => {
      const result = list[index];
      for (const item of entry.waiting) settle(result, () => item.resolve(), item.reject);
    });
  }

  async #sendCreates(sobject: string, items: Extract<Pending, { kind: 'create' }>[]): Promise<void> {
    const records = items.map((item) => item.values);
    const [single] = records;
    const results = await this.session.run<SaveResultLike | SaveResultLike[]>((connection) =>
      single && records.length === 1 ? connection.sobject(sobject).create(single) : connection.sobject(sobject).create(records, { allOrNone: false }),
    );
    const list = Array.isArray(results) ? results : [results];
    items.forEach((item, index) => {
      settle(
        list[index],
        (saved) => {
          if (saved.id) item.resolve(saved.id);
          else item.reject(new SalesforceRecordError('UNKNOWN_ERROR', 'Salesforce reported the record created but returned no Id'));
        },
        item.reject,
      );
    });
  }
}

/** Settles one record's caller with its save result: `resolve` gets a success, `reject` the first error. */
function settle(result: SaveResultLike | undefined, resolve: (saved: SaveResultLike) => void, reject: (error: unknown) => void): void {
  if (result?.success) resolve(result);
  else reject(recordError(result));
}

function recordError(result: SaveResultLike | undefined): SalesforceRecordError {
  const first = result?.errors?.[0];
  if (!first) return new SalesforceRecordError('UNKNOWN_ERROR', 'Salesforce returned no result for this record');
  if (typeof first === 'string') return new SalesforceRecordError('UNKNOWN_ERROR', first);
  return new SalesforceRecordError(first.errorCode ?? first.statusCode ?? 'UNKNOWN_ERROR', first.message, first.fields ?? []);
}
