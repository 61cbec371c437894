import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { PagerDutyEmulatorOptions } from '../index';
import { type Harness, startHarness } from './harness';
import { startWebhookReceiver, type WebhookReceiver } from './webhookReceiver';

/** What a suite gets from the hooks: the harness (one per suite) and, if asked for, a webhook receiver (one per test). */
export interface EmulatorSuite {
  harness(started: Harness): void;
  receiver?(started: WebhookReceiver): void;
  emulator?: PagerDutyEmulatorOptions;
}

/**
 * Registers the hooks every emulator suite shares: one emulator for the suite, the demo seed again
 * before each test, and no OpenAPI violation left at the end of each test. With `receiver`, each
 * test also gets a fresh webhook receiver, closed after it. The suite keeps its own `h`/`receiver`
 * variables (handed over through the callbacks) so its tests read as before.
 */
export function useEmulatorSuite(suite: EmulatorSuite): void {
  let h: Harness;
  let receiver: WebhookReceiver | undefined;
  beforeAll(async () => {
    h = await startHarness(suite.emulator);
    suite.harness(h);
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(async () => {
    await h.control('POST', '/reset', { seed: 'demo' });
    if (suite.receiver) {
      receiver = await startWebhookReceiver();
      suite.receiver(receiver);
    }
    h.takeViolations();
  });
  afterEach(async () => {
    await receiver?.close();
    receiver = undefined;
    expect(h.takeViolations()).toEqual([]);
  });
}
