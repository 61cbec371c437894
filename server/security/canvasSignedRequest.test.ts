import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signCanvasRequest, verifySignedRequest } from './canvasSignedRequest';

const SECRET = 'consumer-secret-of-the-connected-app';
const NOW = Date.parse('2026-12-07T18:00:00Z');

function canvasRequest(overrides: Record<string, unknown> = {}) {
  return {
    algorithm: 'HMACSHA256',
    issuedAt: NOW - 1000,
    userId: '005000000000001AAA',
    client: { oauthToken: 'token', instanceUrl: 'https://acme.my.salesforce.com', targetOrigin: 'https://acme.lightning.force.com' },
    context: {
      user: { userId: '005000000000001AAA', email: 'agent@acme.test', fullName: 'Ada Agent', profileId: '00e000000000001AAA', locale: 'en_US' },
      environment: { displayLocation: 'RecordPage', record: { Id: '500000000000001AAA', attributes: { type: 'Case' } } },
      organization: { organizationId: '00D000000000001AAA' },
    },
    ...overrides,
  };
}

describe('verifying a Canvas signed request', () => {
  it('accepts a request signed with the consumer secret and returns its context', () => {
    const result = verifySignedRequest(signCanvasRequest(canvasRequest(), SECRET), SECRET);
    expect(result).toMatchObject({ ok: true, request: { userId: '005000000000001AAA', context: { environment: { record: { Id: '500000000000001AAA' } } } } });
  });

  it('refuses a tampered body (another record, same signature)', () => {
    const [signature] = signCanvasRequest(canvasRequest(), SECRET).split('.');
    const forged = canvasRequest({ context: { ...canvasRequest().context, environment: { record: { Id: '500000000000002AAA' } } } });
    const tampered = `${signature}.${Buffer.from(JSON.stringify(forged)).toString('base64')}`;
    expect(verifySignedRequest(tampered, SECRET)).toEqual({ ok: false, refusal: 'bad_signature' });
  });

  it('refuses a request signed with another secret', () => {
    expect(verifySignedRequest(signCanvasRequest(canvasRequest(), 'another-secret'), SECRET)).toEqual({ ok: false, refusal: 'bad_signature' });
  });

  it('refuses an algorithm other than HMACSHA256, even correctly signed', () => {
    expect(verifySignedRequest(signCanvasRequest(canvasRequest({ algorithm: 'none' }), SECRET), SECRET)).toEqual({
      ok: false,
      refusal: 'wrong_algorithm',
    });
  });

  it("reads no age from issuedAt, the OAuth token's issue time: a token issued hours ago, or none said, is no reason to refuse", () => {
    for (const issuedAt of [NOW - 6 * 60 * 60_000, NOW + 10 * 60_000, null]) {
      expect(verifySignedRequest(signCanvasRequest(canvasRequest({ issuedAt }), SECRET), SECRET).ok).toBe(true);
    }
  });

  it('refuses malformed input: no period, no body, not a string, JSON that is not a Canvas request, no secret configured', () => {
    const signed = signCanvasRequest(canvasRequest(), SECRET);
    expect(verifySignedRequest('no-period-here', SECRET)).toEqual({ ok: false, refusal: 'malformed' });
    expect(verifySignedRequest(`${signed.split('.')[0]}.`, SECRET)).toEqual({ ok: false, refusal: 'malformed' });
    expect(verifySignedRequest(undefined, SECRET)).toEqual({ ok: false, refusal: 'malformed' });
    expect(verifySignedRequest(signed, '')).toEqual({ ok: false, refusal: 'malformed' });
    const notCanvas = Buffer.from(JSON.stringify({ hello: 'world' })).toString('base64');
    const signature = crypto.createHmac('sha256', SECRET).update(notCanvas).digest('base64');
    expect(verifySignedRequest(`${signature}.${notCanvas}`, SECRET)).toEqual({ ok: false, refusal: 'malformed' });
    const notJson = Buffer.from('not json').toString('base64');
    expect(verifySignedRequest(`${crypto.createHmac('sha256', SECRET).update(notJson).digest('base64')}.${notJson}`, SECRET)).toEqual({
      ok: false,
      refusal: 'malformed',
    });
  });
});
