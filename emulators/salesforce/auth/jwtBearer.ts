import { createPublicKey, createVerify, X509Certificate } from 'node:crypto';
import { isRecord, parseJson } from '../../shared/json';

export interface JwtClaims {
  iss?: unknown;
  sub?: unknown;
  aud?: unknown;
  exp?: unknown;
}

/** Why an assertion was refused; the token endpoint maps it to Salesforce's OAuth error. */
export type JwtRejection = 'malformed' | 'bad_signature' | 'expired';

/**
 * Decodes a JWT bearer assertion and verifies its RS256 signature with the certificate's
 * public key. Claims (iss, sub, aud) are returned for the caller to match against the org.
 */
export function verifyJwtAssertion(
  assertion: string,
  certificatePem: string,
  nowMs: number,
): { ok: true; claims: JwtClaims } | { ok: false; reason: JwtRejection } {
  const parts = assertion.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed' };
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  let header: unknown;
  let claims: unknown;
  try {
    header = parseJson(Buffer.from(headerPart, 'base64url').toString('utf8'));
    claims = parseJson(Buffer.from(payloadPart, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (!isRecord(header) || header.alg !== 'RS256' || typeof claims !== 'object' || claims === null) return { ok: false, reason: 'malformed' };
  const payload: JwtClaims = claims;
  let publicKey;
  try {
    publicKey = certificatePem.includes('CERTIFICATE') ? new X509Certificate(certificatePem).publicKey : createPublicKey(certificatePem);
  } catch {
    return { ok: false, reason: 'bad_signature' };
  }
  const verifier = createVerify('RSA-SHA256');
  verifier.update(`${headerPart}.${payloadPart}`);
  if (!verifier.verify(publicKey, Buffer.from(signaturePart, 'base64url'))) return { ok: false, reason: 'bad_signature' };
  // Salesforce allows a few minutes of clock skew on exp.
  const exp = expirySeconds(payload.exp);
  if (exp === undefined || exp * 1000 + 3 * 60 * 1000 < nowMs) return { ok: false, reason: 'expired' };
  return { ok: true, claims: payload };
}

/**
 * `exp` in seconds since the epoch. RFC 7519 makes it a JSON number, but Salesforce's token
 * endpoint also takes the decimal digits as a string (`"1767225600"`, as some JWT libraries and
 * hand-built assertions send it), so the emulator does too; anything else is refused as an
 * expired assertion, with Salesforce's wording.
 */
function expirySeconds(exp: unknown): number | undefined {
  if (typeof exp === 'number' && Number.isFinite(exp)) return exp;
  if (typeof exp === 'string' && /^\d{1,12}$/.test(exp)) return Number(exp);
  return undefined;
}
