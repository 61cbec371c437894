import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { listen, type ListeningServer } from '../../lib/listen';
import { createLogger } from '../logger';
import { LogCapture } from '../testing/harness';
import { checkReplies } from './checkReplies';

/** CHECK_REPLIES over a real HTTP server: a reply that fits passes untouched, one that does not becomes a 500 that says why. */
const contract = { method: 'GET', path: '/thing', access: 'public', reply: z.strictObject({ count: z.number().int() }), alsoReplyStatuses: [503] } as const;
const log = new LogCapture();
let server: ListeningServer;

beforeAll(async () => {
  const app = express();
  const replies: Record<string, [number, unknown]> = {
    fits: [200, { count: 3 }],
    extraField: [200, { count: 3, secretish: 'x' }],
    wrongType: [200, { count: 'three' }],
    envelope: [404, { error: { code: 'not_found', message: 'No such thing' } }],
    notEnvelope: [404, { message: 'No such thing' }],
    ownShapeOnFailure: [503, { count: 0 }],
  };
  app.get('/:case', checkReplies('getThing', contract, createLogger('info', log)), (req, res) => {
    const [status, body] = replies[String(req.params.case)] ?? [500, null];
    res.status(status).json(body);
  });
  server = await listen(app);
});
afterAll(() => server.close());

async function get(path: string) {
  const response = await fetch(server.url + path);
  return { status: response.status, body: (await response.json()) as { error?: { code: string; message: string } } };
}

describe('checkReplies', () => {
  it('passes a reply that matches the contract, and the error envelope on a failure', async () => {
    expect(await get('/fits')).toEqual({ status: 200, body: { count: 3 } });
    expect((await get('/envelope')).status).toBe(404);
    expect(await get('/ownShapeOnFailure')).toEqual({ status: 503, body: { count: 0 } });
  });

  it('answers 500 in the envelope, naming the route and what differs, for a reply that does not match', async () => {
    for (const [path, difference] of [
      ['/extraField', 'secretish'],
      ['/wrongType', 'count'],
      ['/notEnvelope', 'error'],
    ] as const) {
      const reply = await get(path);
      expect(reply.status, path).toBe(500);
      expect(reply.body.error?.code).toBe('internal');
      expect(reply.body.error?.message).toContain('The reply of getThing');
      expect(reply.body.error?.message, path).toContain(difference);
    }
    expect(log.text).toContain('a reply does not match its contract');
  });
});
