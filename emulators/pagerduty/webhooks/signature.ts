import { createHmac, randomBytes } from 'node:crypto';

/** `v1=<hex HMAC-SHA256(secret, raw body)>` per secret, comma-joined (docs/webhooks/04-Signatures.md). */
export function signatureHeader(rawBody: string, secrets: readonly string[]): string {
  return secrets.map((secret) => `v1=${createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex')}`).join(',');
}

/** A fresh signing secret, the length and alphabet PagerDuty's secrets have (64 url-safe chars). */
export function newWebhookSecret(): string {
  return randomBytes(48).toString('base64url').slice(0, 64);
}
