import type { SyncRunMode, SyncRunState, SyncRunView } from '../../contracts/sync';
import { toDate, type Db } from './db';
import { SYNC_RUN_TABLE } from './tables';

interface SyncRunRow {
  id: string;
  mode: SyncRunMode;
  state: SyncRunState;
  processed: number;
  total: number | null;
  recorded: number;
  cancel_requested: boolean | number;
  holder: string;
  since: string | null;
  watermark: string | null;
  error: string | null;
  note: string | null;
  started_at: unknown;
  heartbeat_at: unknown;
  finished_at: unknown;
}

export interface SyncRun extends SyncRunView {
  holder: string;
  heartbeatAt: Date;
}

/** A running run whose heartbeat is older than this lost its instance (crash, kill). */
export const STALE_RUN_MS = 60_000;

/** The `sync_runs` table: one row per manual sync, progress written as it goes. */
export class SyncRunStore {
  constructor(private readonly db: Db) {}

  async create(run: { id: string; mode: SyncRunMode; holder: string; since: string | null; note: string | null; now: Date }): Promise<SyncRun> {
    await this.db(SYNC_RUN_TABLE).insert({
      id: run.id,
      mode: run.mode,
      state: 'running',
      processed: 0,
      total: null,
      recorded: 0,
      cancel_requested: false,
      holder: run.holder,
      since: run.since,
      note: run.note,
      started_at: run.now,
      heartbeat_at: run.now,
    });
    const created = await this.get(run.id);
    if (!created) throw new Error(`The sync run ${run.id} was not found right after it was inserted`);
    return created;
  }

  async get(id: string): Promise<SyncRun | undefined> {
    const row = (await this.db(SYNC_RUN_TABLE).where({ id }).first()) as SyncRunRow | undefined;
    return row ? toRun(row) : undefined;
  }

  async latest(limit: number): Promise<SyncRun[]> {
    const rows = (await this.db(SYNC_RUN_TABLE)
      .orderBy([
        { column: 'started_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit)) as SyncRunRow[];
    return rows.map(toRun);
  }

  /** The last run that finished successfully: its watermark starts the next incremental run. */
  async lastSucceeded(): Promise<SyncRun | undefined> {
    const row = (await this.db(SYNC_RUN_TABLE)
      .where({ state: 'succeeded' })
      .orderBy([{ column: 'started_at', order: 'desc' }])
      .first()) as SyncRunRow | undefined;
    return row ? toRun(row) : undefined;
  }

  async progress(
    id: string,
    fields: { processed?: number; total?: number; recorded?: number; watermark?: string | null },
    now: Date,
  ): Promise<{ cancelRequested: boolean }> {
    await this.db(SYNC_RUN_TABLE)
      .where({ id, state: 'running' })
      .update({ ...fields, heartbeat_at: now });
    const row = await this.db<SyncRunRow>(SYNC_RUN_TABLE).where({ id }).first('cancel_requested');
    return { cancelRequested: Boolean(row?.cancel_requested) };
  }

  async finish(
    id: string,
    outcome: {
      state: Exclude<SyncRunState, 'running'>;
      processed: number;
      recorded: number;
      watermark: string | null;
      error?: string | null;
      note?: string | null;
    },
    now: Date,
  ): Promise<void> {
    await this.db(SYNC_RUN_TABLE)
      .where({ id, state: 'running' })
      .update({
        state: outcome.state,
        processed: outcome.processed,
        recorded: outcome.recorded,
        watermark: outcome.watermark,
        error: outcome.error ?? null,
        ...(outcome.note !== undefined ? { note: outcome.note } : {}),
        heartbeat_at: now,
        finished_at: now,
      });
  }

  /** Asks the running instance to stop after the Case it is on; returns whether the run was running. */
  async requestCancel(id: string): Promise<boolean> {
    return (await this.db(SYNC_RUN_TABLE).where({ id, state: 'running' }).update({ cancel_requested: true })) > 0;
  }

  /** Runs whose instance died mid-run stay "running" forever otherwise. */
  async failAbandoned(now: Date): Promise<number> {
    return this.db(SYNC_RUN_TABLE)
      .where({ state: 'running' })
      .andWhere('heartbeat_at', '<', new Date(now.getTime() - STALE_RUN_MS))
      .update({ state: 'failed', error: 'The instance running this sync stopped before it finished.', finished_at: now });
  }
}

function toRun(row: SyncRunRow): SyncRun {
  const { total, processed } = row;
  const percent = row.state === 'succeeded' ? 100 : total ? Math.min(99, Math.floor((processed / total) * 100)) : 0;
  return {
    id: row.id,
    mode: row.mode,
    state: row.state,
    processed,
    total,
    recorded: row.recorded,
    percent,
    cancelRequested: Boolean(row.cancel_requested),
    since: row.since,
    watermark: row.watermark,
    error: row.error,
    note: row.note,
    startedAt: toDate(row.started_at).toISOString(),
    finishedAt: row.finished_at === null || row.finished_at === undefined ? null : toDate(row.finished_at).toISOString(),
    holder: row.holder,
    heartbeatAt: toDate(row.heartbeat_at),
  };
}

/** The public view (without the holder and heartbeat). */
export function syncRunView(run: SyncRun): SyncRunView {
  const { id, mode, state, processed, total, recorded, percent, cancelRequested, since, watermark, error, note, startedAt, finishedAt } = run;
  return { id, mode, state, processed, total, recorded, percent, cancelRequested, since, watermark, error, note, startedAt, finishedAt };
}
