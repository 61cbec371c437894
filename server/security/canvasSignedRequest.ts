import crypto from 'node:crypto';
import { z } from 'zod';

/**
 * Salesforce Canvas "signed request" authentication (Canvas Developer Guide, "Verifying and
 * Decoding a Signed Request"): Salesforce POSTs `signed_request` =
 * Base64(HMAC-SHA256(consumer secret, encodedEnvelope)) + "." + encodedEnvelope, where
 * encodedEnvelope is the Base64 of the CanvasRequest JSON. Hand-written because it is twenty lines
 * of node:crypto and no maintained npm library does only this.
 *
 * A valid signature proves who signed, not when: Salesforce's `issuedAt` is the time its OAuth
 * token was issued (often hours before the POST, or null), not the request's, so no age can be
 * read from it. verifyCanvasPost.ts proves the request live by its token instead.
 */

/** The parts of the CanvasRequest this app reads; Salesforce sends more, which is kept out. */
const canvasRequestSchema = z.object({
  algorithm: z.string(),
  /** When the OAuth token was issued (Canvas Developer Guide, "CanvasRequest"), not the request: read by nothing. */
  issuedAt: z.number().int().nullable().optional(),
  userId: z.string().min(1),
  client: z.object({
    oauthToken: z.string().nullable().optional(),
    instanceUrl: z.string().min(1),
    targetOrigin: z.string().nullable().optional(),
  }),
  context: z.object({
    user: z.object({
      userId: z.string().min(1),
      email: z.string().nullable().optional(),
      fullName: z.string().nullable().optional(),
      profileId: z.string().nullable().optional(),
      roleId: z.string().nullable().optional(),
      locale: z.string().nullable().optional(),
    }),
    environment: z.object({
      displayLocation: z.string().nullable().optional(),
      record: z
        .object({ Id: z.string().min(1), attributes: z.object({ type: z.string() }).partial().optional() })
        .nullable()
        .optional(),
      parameters: z.record(z.string(), z.unknown()).nullable().optional(),
    }),
    organization: z.object({ organizationId: z.string().min(1) }),
  }),
});
export type CanvasRequest = z.infer<typeof canvasRequestSchema>;

export type SignedRequestRefusal = 'malformed' | 'bad_signature' | 'wrong_algorithm';

export type SignedRequestResult = { ok: true; request: CanvasRequest } | { ok: false; refusal: SignedRequestRefusal };

/** Verifies the signature in constant time first; only then is the envelope decoded and trusted. */
export function verifySignedRequest(signedRequest: unknown, consumerSecret: string): SignedRequestResult {
  if (typeof signedRequest !== 'string' || consumerSecret === '') return { ok: false, refusal: 'malformed' };
  const dot = signedRequest.indexOf('.');
  if (dot <= 0 || dot === signedRequest.length - 1) return { ok: false, refusal: 'malformed' };
  const sent = Buffer.from(signedRequest.slice(0, dot), 'base64');
  const encodedEnvelope = signedRequest.slice(dot + 1);
  const expected = crypto.createHmac('sha256', consumerSecret).update(encodedEnvelope).digest();
  if (sent.length !== expected.length || !crypto.timingSafeEqual(sent, expected)) return { ok: false, refusal: 'bad_signature' };

  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(encodedEnvelope, 'base64').toString('utf8'));
  } catch {
    return { ok: false, refusal: 'malformed' };
  }
  const parsed = canvasRequestSchema.safeParse(json);
  if (!parsed.success) return { ok: false, refusal: 'malformed' };
  if (parsed.data.algorithm.toUpperCase() !== 'HMACSHA256') return { ok: false, refusal: 'wrong_algorithm' };
  return { ok: true, request: parsed.data };
}

/** Builds a signed request as Salesforce does: the emulator and the tests use it. */
export function signCanvasRequest(request: unknown, consumerSecret: string): string {
  const encodedEnvelope = Buffer.from(JSON.stringify(request), 'utf8').toString('base64');
  const signature = crypto.createHmac('sha256', consumerSecret).update(encodedEnvelope).digest('base64');
  return `${signature}.${encodedEnvelope}`;
}
