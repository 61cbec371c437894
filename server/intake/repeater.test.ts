import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cue } from '../testing/eventually';
import { Repeater } from './repeater';

// Fake timers: the repeater's waits and the tasks' own run on a clock the test moves, so what
// happens in an interval (and what does not) is exact, whatever the machine's load.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Repeater', () => {
  it('runs the task again after each run, never overlapping, until stopped', async () => {
    let running = 0;
    let overlapped = false;
    let runs = 0;
    const repeater = new Repeater(
      async () => {
        running += 1;
        overlapped ||= running > 1;
        await new Promise((resolve) => setTimeout(resolve, 5));
        runs += 1;
        running -= 1;
      },
      () => 1,
    );
    repeater.start();
    // A run takes 5 ms and the next starts 1 ms after it: 100 ms hold 16 runs.
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toBe(16);
    const stopping = repeater.stop();
    await vi.advanceTimersByTimeAsync(5);
    await stopping;
    const stoppedAt = runs;
    // Nothing runs once stopped, however long the wait.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runs).toBe(stoppedAt);
    expect(overlapped).toBe(false);
  });

  it('waits for a run in progress when stopping, but not for one that never ends', async () => {
    const run = cue();
    const quick = new Repeater(
      () => run.promise,
      () => 60_000,
      1_000,
    );
    quick.start();
    let stopped = false;
    const stopping = quick.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(stopped).toBe(false);
    run.resolve();
    await stopping;

    const stuck = new Repeater(
      () => new Promise<void>(() => undefined),
      () => 60_000,
      200,
    );
    stuck.start();
    const started = Date.now();
    let gaveUp = false;
    const giving = stuck.stop().then(() => (gaveUp = true));
    await vi.advanceTimersByTimeAsync(199);
    expect(gaveUp).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await giving;
    expect(Date.now() - started).toBe(200);
  });
});
