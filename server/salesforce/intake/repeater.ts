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

  async stop(): Promise<void> {
    this.#running = false;
    clearTimeout(this.#timer);
    await this.#current;
  }

  #run(): void {
    this.#current = this.task().finally(() => {
      if (this.#running) this.#timer = setTimeout(() => this.#run(), this.intervalMs());
    });
  }
}
