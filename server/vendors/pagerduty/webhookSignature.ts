import crypto from 'node:crypto';

/**
 * Verifies `X-PagerDuty-Signature: v1=<hex>[,v1=<hex>…]` over the raw body: valid when any
 * listed v1 signature is the HMAC-SHA256 of the body under any of our subscription secrets
 * (PagerDuty lists several during a secret rotation). Compared in constant time.
 */
export function verifyPagerDutySignature(rawBody: Buffer, header: string | undefined, secrets: readonly string[]): boolean {
  if (!header || secrets.length === 0) return false;
  const sent = header
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.startsWith('v1='))
    .map((part) => part.slice(3))
    .filter((hex) => /^[0-9a-f]{64}$/i.test(hex))
    .map((hex) => Buffer.from(hex, 'hex'));
  if (sent.length === 0) return false;
  let valid = false;
  for (const secret of secrets) {
    const expected = crypto.createHmac('sha256', secret).update(rawBody).digest();
    // Check every pair, not stopping at the first match, so timing says nothing about which matched.
    for (const signature of sent) valid = crypto.timingSafeEqual(signature, expected) || valid;
  }
  return valid;
}
