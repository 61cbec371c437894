import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyPagerDutySignature } from './webhookSignature';

const body = Buffer.from('{"event":{"id":"01ABC","event_type":"incident.acknowledged"}}');
const sign = (secret: string, raw = body) => crypto.createHmac('sha256', secret).update(raw).digest('hex');

describe('verifyPagerDutySignature', () => {
  it('accepts a signature from any secret, and any of several v1 values (rotation)', () => {
    expect(verifyPagerDutySignature(body, `v1=${sign('s1')}`, ['s1'])).toBe(true);
    expect(verifyPagerDutySignature(body, `v1=${sign('old')},v1=${sign('new')}`, ['new'])).toBe(true);
    expect(verifyPagerDutySignature(body, `v1=${sign('s2')}`, ['s1', 's2'])).toBe(true);
  });

  it('rejects a wrong secret, a changed body, a missing or malformed header', () => {
    expect(verifyPagerDutySignature(body, `v1=${sign('other')}`, ['s1'])).toBe(false);
    expect(verifyPagerDutySignature(Buffer.from(body.toString() + ' '), `v1=${sign('s1')}`, ['s1'])).toBe(false);
    expect(verifyPagerDutySignature(body, undefined, ['s1'])).toBe(false);
    expect(verifyPagerDutySignature(body, 'v1=zz', ['s1'])).toBe(false);
    expect(verifyPagerDutySignature(body, `v0=${sign('s1')}`, ['s1'])).toBe(false);
    expect(verifyPagerDutySignature(body, `v1=${sign('s1')}`, [])).toBe(false);
  });
});
