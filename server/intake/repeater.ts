/**
 * Runs a task now and then again `intervalMs()` after each run ends (never overlapping), until
 * stopped. The interval is read before every wait, so a settings change applies at the next run.
 */
export class Repeater {
  #timer: NodeJS.Timeout | undefined;
  #current: Promise<void> = Promise.resolve();
  #running = false;
  #wanted = false;

  constructor(
    private readonly task: () => Promise<void>,
    private readonly intervalMs: () => number,
    /** How long `stop` waits for a run in progress. */
    private readonly stopWaitMs = 5_000,
  ) {}

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#run();
  }

  /** Runs the task as soon as the current run ends, then keeps the usual rhythm. */
  runNow(): void {
    if (!this.#running || this.#wanted) return;
    this.#wanted = true;
    void this.#current.then(() => {
      if (!this.#running || !this.#wanted) return;
      this.#wanted = false;
      clearTimeout(this.#timer);
      this.#run();
    });
  }

  /**
   * Stops repeating and waits for a run in progress, but not past `stopWaitMs`: a poll stuck on
   * a Salesforce that stopped answering (jsforce sets no request timeout) must not hold up app
   * shutdown. Nothing is lost by leaving it: intake saves its position only after the events are
   * stored, so what such a run read is read again by the next leader.
   */
  async stop(): Promise<void> {
    this.#running = false;
    clearTimeout(this.#timer);
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.stopWaitMs);
      timer.unref();
    });
    await Promise.race([this.#current, gaveUp]);
    clearTimeout(timer);
  }

  #run(): void {
    this.#current = this.task().finally(() => {
      if (this.#running) this.#timer = setTimeout(() => this.#run(), this.intervalMs());
    });
  }
}
