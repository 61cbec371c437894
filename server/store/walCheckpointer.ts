import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Checkpoints an SQLite WAL from a worker thread, so the app's own connection rarely does.
 *
 * Why: with `synchronous = NORMAL` a commit only appends to the WAL, but SQLite's automatic
 * checkpoint runs inside whichever commit crosses 1,000 WAL pages, copying them into the
 * database and fsyncing both files on the event loop. Under load that was about 40% of all
 * commit time. Here a second connection in a thread runs `PRAGMA wal_checkpoint(PASSIVE)` on a
 * timer: passive checkpoints never block the writer, and their I/O and fsyncs happen off the
 * event loop; the app connection's automatic checkpoint moves to a far larger WAL, as a safety
 * valve (see db.ts). Durability is unchanged: a checkpoint still syncs before the WAL is reused.
 * Hand-written because neither knex nor better-sqlite3 offers it; the thread's code is a string
 * so it runs the same under tsx and plain Node, with the driver resolved from here.
 */
export class WalCheckpointer {
  readonly #worker: Worker;
  readonly #exited: Promise<void>;
  #stopping = false;
  #failed = false;

  constructor(filename: string, options: { intervalMs?: number; onFailure: (error: Error) => void }) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.#worker = new Worker(THREAD_CODE, { eval: true, workerData: { filename, driver, intervalMs: options.intervalMs ?? 250 } });
    // Not a reason to keep the process alive: the app's shutdown stops it, a crash needs no checkpoint.
    this.#worker.unref();
    const fail = (error: Error) => {
      if (this.#stopping || this.#failed) return;
      this.#failed = true;
      options.onFailure(error);
    };
    this.#worker.on('error', fail);
    this.#exited = new Promise((resolve) =>
      this.#worker.once('exit', (code) => {
        fail(new Error(`The WAL checkpoint thread exited (code ${code})`));
        resolve();
      }),
    );
  }

  /** Stops the thread after its last checkpoint; resolves once its connection is closed (or it had ended). */
  async stop(): Promise<void> {
    if (this.#stopping) return this.#exited;
    this.#stopping = true;
    this.#worker.postMessage('stop');
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(resolve, 5_000, 'timeout').unref());
    if ((await Promise.race([this.#exited, timeout])) === 'timeout') await this.#worker.terminate();
  }
}

const THREAD_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.filename);
db.pragma('busy_timeout = 1000');
const checkpoint = () => db.pragma('wal_checkpoint(PASSIVE)');
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  try { checkpoint(); } finally { db.close(); parentPort.close(); }
});
`;
