import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

/**
 * An independent webhook receiver for the suites: a plain node:http server that keeps the raw
 * body of every request and verifies `X-PagerDuty-Signature` the way PagerDuty's signature page
 * prescribes (docs/webhooks/04-Signatures.md): split on ",", keep the `v1=` values, HMAC-SHA256
 * the unaltered raw body with the secret, hex-encode, constant-time compare, accept if any matches.
 */
export type ReceiverReply = number | { status: number; delayMs: number };

/**
 * The v3 envelope as the suites read it: the fields every event has, and `data` open (an
 * incident, a note, a ping…). The full shape is checked separately, by `validateWebhookPayload`.
 */
export const receivedEnvelopeSchema = z.object({
  event: z.looseObject({
    id: z.string(),
    event_type: z.string(),
    resource_type: z.string(),
    occurred_at: z.string(),
    agent: z.looseObject({ id: z.string() }).nullable(),
    client: z.looseObject({ name: z.string() }).nullable(),
    data: z.looseObject({ type: z.string(), id: z.string().optional() }),
  }),
});
export type ReceivedEnvelope = z.infer<typeof receivedEnvelopeSchema>;

export interface ReceivedWebhook {
  rawBody: string;
  headers: http.IncomingHttpHeaders;
  /** The body parsed as an envelope: a body that is not one fails the suite where it arrives. */
  body: ReceivedEnvelope;
  receivedAt: number;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Replies for the next requests, in order; 200 once they run out. */
  plan(...replies: ReceiverReply[]): void;
  close(): Promise<void>;
}

export function verifyPagerDutySignature(rawBody: string, header: string | undefined, secret: string): boolean {
  if (!header) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex'), 'utf8');
  return header
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.startsWith('v1='))
    .map((part) => Buffer.from(part.slice(3), 'utf8'))
    .some((candidate) => candidate.length === expected.length && timingSafeEqual(candidate, expected));
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const replies: ReceiverReply[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      received.push({ rawBody, headers: req.headers, body: receivedEnvelopeSchema.parse(JSON.parse(rawBody)), receivedAt: Date.now() });
      const reply = replies.shift() ?? 200;
      const { status, delayMs } = typeof reply === 'number' ? { status: reply, delayMs: 0 } : reply;
      const answer = () => {
        if (!res.destroyed) res.writeHead(status, { 'content-type': 'text/plain' }).end('ok');
      };
      if (delayMs > 0) setTimeout(answer, delayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/pagerduty`,
    received,
    plan: (...next) => replies.push(...next),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
