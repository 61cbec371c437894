/**
 * The emulators' notion of "now": real time plus an offset that tests move forward
 * (`POST /__emulator/clock`), so time windows (replay retention, rate-limit minutes,
 * webhook retry schedules) can be tested without waiting.
 */
export class Clock {
  #offsetMs = 0;

  now(): number {
    return Date.now() + this.#offsetMs;
  }

  date(): Date {
    return new Date(this.now());
  }

  get offsetMs(): number {
    return this.#offsetMs;
  }

  setOffset(ms: number): void {
    this.#offsetMs = ms;
  }

  advance(ms: number): void {
    this.#offsetMs += ms;
  }
}
