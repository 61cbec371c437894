import { describe, expect, it } from 'vitest';
import { Repeater } from './repeater';

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
    await new Promise((resolve) => setTimeout(resolve, 100));
    await repeater.stop();
    const stoppedAt = runs;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stoppedAt).toBeGreaterThan(2);
    expect(runs).toBe(stoppedAt);
    expect(overlapped).toBe(false);
  });

  it('waits for a run in progress when stopping, but not for one that never ends', async () => {
    let finish!: () => void;
    const quick = new Repeater(
      () => new Promise<void>((resolve) => (finish = resolve)),
      () => 60_000,
      1_000,
    );
    quick.start();
    let stopped = false;
    const stopping = quick.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped).toBe(false);
    finish();
    await stopping;

    const stuck = new Repeater(
      () => new Promise<void>(() => undefined),
      () => 60_000,
      200,
    );
    stuck.start();
    const started = performance.now();
    await stuck.stop();
    expect(performance.now() - started).toBeGreaterThanOrEqual(150);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
