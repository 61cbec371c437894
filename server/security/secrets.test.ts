import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox } from './secrets';

describe('SecretBox', () => {
  const box = new SecretBox(crypto.randomBytes(32));

  it('opens what it sealed for the same purpose only', () => {
    const sealed = box.seal('pd-key-1234', 'connection:pagerduty');
    expect(box.open(sealed, 'connection:pagerduty')).toBe('pd-key-1234');
    expect(() => box.open(sealed, 'agent-token')).toThrow();
  });

  it('refuses a ciphertext whose authentication tag was cut short (GCM would accept 4 bytes)', () => {
    const [version, iv, tag, ciphertext] = box.seal('pd-key-1234', 'connection:pagerduty').split(':');
    const truncated = Buffer.from(tag!, 'base64').subarray(0, 4).toString('base64');
    expect(() => box.open([version, iv, truncated, ciphertext].join(':'), 'connection:pagerduty')).toThrow('Unrecognized secret format');
  });
});
