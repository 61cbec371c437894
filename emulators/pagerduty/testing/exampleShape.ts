import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { webhookExamplesDirectory } from '../openapi/oracles/location';
import type { Harness } from './harness';
import { oraclesPresent } from './oracles';
import type { WebhookReceiver } from './webhookReceiver';

/** A `data` example of PagerDuty's webhook overview (`incident_responder`, `incident_status_update`, …). */
export function webhookExample(name: string): unknown {
  return JSON.parse(readFileSync(path.join(webhookExamplesDirectory(), `${name}.json`), 'utf8'));
}

/**
 * Expects `data` to have the shape of PagerDuty's example `name`. Without the reference files (a
 * bare clone, see testing/oracles.ts) only this comparison is skipped, with a line saying so;
 * the rest of the test still runs.
 */
export function expectLikeExample(data: unknown, name: string): void {
  if (!oraclesPresent(`the comparison with PagerDuty's ${name} webhook example`)) return;
  expect(shapeDifferences(data, webhookExample(name))).toEqual([]);
}

/**
 * Where `actual` departs from the shape of `example`, field by field: the same keys at every
 * level of every object, and the same JSON type for each value (null matches any type, as the
 * examples show null where a value may be absent). Array items are compared with the example's
 * first item. Answers the paths that differ, so a failing expectation names them.
 */
export function shapeDifferences(actual: unknown, example: unknown, path = 'data'): string[] {
  if (actual === null || example === null) return [];
  if (Array.isArray(example)) {
    if (!Array.isArray(actual)) return [`${path}: expected an array, got ${jsonType(actual)}`];
    const first: unknown = example[0];
    return first === undefined ? [] : actual.flatMap((item, index) => shapeDifferences(item, first, `${path}[${index}]`));
  }
  if (typeof example === 'object') {
    if (typeof actual !== 'object' || Array.isArray(actual)) return [`${path}: expected an object, got ${jsonType(actual)}`];
    const expectedKeys = Object.keys(example).sort();
    const actualKeys = Object.keys(actual).sort();
    const missing = expectedKeys.filter((key) => !actualKeys.includes(key)).map((key) => `${path}.${key}: missing`);
    const extra = actualKeys.filter((key) => !expectedKeys.includes(key)).map((key) => `${path}.${key}: not in the example`);
    const nested = expectedKeys
      .filter((key) => actualKeys.includes(key))
      .flatMap((key) => shapeDifferences((actual as Record<string, unknown>)[key], (example as Record<string, unknown>)[key], `${path}.${key}`));
    return [...missing, ...extra, ...nested];
  }
  return jsonType(actual) === jsonType(example) ? [] : [`${path}: expected ${jsonType(example)}, got ${jsonType(actual)}`];
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Subscribes `receiver` to `events` on the whole account; answers the subscription's secret. */
export async function subscribeReceiver(h: Harness, receiver: WebhookReceiver, events: readonly string[]): Promise<string> {
  const res = await h.call('POST', '/webhook_subscriptions', {
    body: {
      webhook_subscription: {
        type: 'webhook_subscription',
        delivery_method: { type: 'http_delivery_method', url: receiver.url },
        description: 'test receiver',
        events,
        filter: { type: 'account_reference' },
      },
    },
  });
  const secret = res.body.webhook_subscription?.delivery_method.secret;
  if (res.status !== 200 || !secret) throw new Error(`subscribing failed: ${res.status} ${res.text}`);
  return secret;
}
