import { request, type Dispatcher } from 'undici';
import { errorMessage } from '../../../lib/errorMessage';

/**
 * PagerDuty's Events API v2 (`POST <eventsApiUrl>/v2/enqueue`), for the connector's alerts about
 * itself. Deliberately separate from the REST client: no REST key, no `From`, no custom headers,
 * no shared rate limiter, so a page about a broken REST connection does not depend on it. A few
 * lines of undici rather than @pagerduty/pdjs's `event()`: that one always builds
 * `https://<server>/v2/enqueue` (no http host such as the emulator's), sends through cross-fetch
 * (not the outbound proxy's dispatcher) and retries by itself with 20 s sleeps inside the call,
 * where the self-monitor keeps its retries durable, with backoff, in the database.
 */

export interface AlertEvent {
  routing_key: string;
  event_action: 'trigger' | 'acknowledge' | 'resolve';
  dedup_key: string;
  payload?: {
    summary: string;
    source: string;
    severity: 'critical' | 'error' | 'warning' | 'info';
    component?: string;
    group?: string;
    class?: string;
    custom_details?: Record<string, unknown>;
  };
  client?: string;
  client_url?: string;
  links?: { href: string; text?: string }[];
}

/**
 * What became of one event: accepted (202), or refused with whether PagerDuty's "Response Codes &
 * Retry Logic" says to retry (429, 5xx and network errors: yes; 400: no, the event or routing key
 * is wrong and the same request would fail again).
 */
export type EventsApiOutcome = { accepted: true } | { accepted: false; retryable: boolean; message: string };

export interface EventsApiOptions {
  timeoutMs?: number;
  dispatcher?: Dispatcher | undefined;
}

export async function sendAlertEvent(eventsApiUrl: string, event: AlertEvent, options: EventsApiOptions = {}): Promise<EventsApiOutcome> {
  const url = `${eventsApiUrl.replace(/\/+$/, '')}/v2/enqueue`;
  const timeoutMs = options.timeoutMs ?? 15_000;
  let status: number;
  let text: string;
  try {
    const response = await request(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(event),
      ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    status = response.statusCode;
    text = await response.body.text();
  } catch (error) {
    return { accepted: false, retryable: true, message: `The Events API at ${url} could not be reached: ${errorMessage(error)}` };
  }
  if (status === 202 || (status >= 200 && status < 300)) return { accepted: true };
  const detail = describeRefusal(text);
  const message = `The Events API answered HTTP ${status}${detail ? `: ${detail}` : ''}`;
  if (status === 400) return { accepted: false, retryable: false, message: `${message}. Check the routing key on CONNECTIONS › Alerts about the connector.` };
  return { accepted: false, retryable: true, message };
}

/** `{status, message, errors}` into one line ("Event object is invalid (Invalid routing key)"). */
function describeRefusal(text: string): string {
  try {
    const body = JSON.parse(text) as { message?: unknown; errors?: unknown };
    const errors = Array.isArray(body.errors) ? body.errors.filter((e): e is string => typeof e === 'string') : [];
    const message = typeof body.message === 'string' ? body.message : '';
    return [message, errors.length ? `(${errors.join('; ')})` : ''].filter(Boolean).join(' ');
  } catch {
    return text.slice(0, 200);
  }
}
