/** The part of EventSource a subscriber uses. */
export type EventStream = Pick<EventSource, 'addEventListener' | 'close' | 'readyState'>;

const CONNECTING = 0;
const OPEN = 1;
const CLOSED = 2;

/**
 * A server-sent event stream read with `fetch`, for pages that authenticate with a header:
 * the browser's EventSource cannot send one, and a framed page (the agents' Canvas page) may have
 * no cookies. Hand-written because no event-stream client is among the dependencies and this needs
 * only named events: it dispatches each event's name (`event:` line, `message` by default) when
 * its blank line arrives, ignores comments and data, and, like EventSource, reconnects after a
 * dropped connection (readyState CONNECTING) but gives up for good on an error reply (CLOSED, an
 * `error` event), so the subscriber can say why.
 */
export function fetchEventStream(
  url: string,
  init: { headers?: Record<string, string> } = {},
  options: { fetch?: typeof fetch; retryMs?: number } = {},
): EventStream {
  const listeners = new Map<string, Set<() => void>>();
  const controller = new AbortController();
  const doFetch = options.fetch ?? ((input, requestInit) => globalThis.fetch(input, requestInit));
  const retryMs = options.retryMs ?? 3_000;
  let readyState = CONNECTING;
  // A function, not the property: TypeScript would narrow the property after the loop's check.
  const closed = () => controller.signal.aborted;
  const dispatch = (type: string) => {
    for (const listener of listeners.get(type) ?? []) listener();
  };

  const read = async (): Promise<void> => {
    while (!closed()) {
      let response: Response;
      try {
        response = await doFetch(url, { headers: { accept: 'text/event-stream', ...init.headers }, signal: controller.signal, cache: 'no-store' });
      } catch {
        if (closed()) return;
        readyState = CONNECTING;
        dispatch('error');
        await new Promise((resolve) => setTimeout(resolve, retryMs));
        continue;
      }
      if (!response.ok || !response.body || !(response.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
        readyState = CLOSED;
        dispatch('error');
        return;
      }
      readyState = OPEN;
      dispatch('open');
      try {
        await readEvents(response.body, dispatch);
      } catch {
        // A dropped connection: reconnect below, as EventSource does.
      }
      if (closed()) return;
      readyState = CONNECTING;
      dispatch('error');
      await new Promise((resolve) => setTimeout(resolve, retryMs));
    }
  };
  void read();

  return {
    get readyState() {
      return readyState;
    },
    addEventListener(type: string, listener: () => void) {
      if (!listeners.has(type)) listeners.set(type, new Set());
      listeners.get(type)?.add(listener);
    },
    close() {
      readyState = CLOSED;
      controller.abort();
    },
  } as EventStream;
}

async function readEvents(body: ReadableStream<Uint8Array>, dispatch: (type: string) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let eventName = '';
  let hasField = false;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    const lines = buffer.split(/\r\n|\r|\n/);
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (line === '') {
        if (hasField) dispatch(eventName || 'message');
        eventName = '';
        hasField = false;
      } else if (line.startsWith(':')) {
        continue;
      } else {
        hasField = true;
        if (line.startsWith('event:')) eventName = line.slice(6).trim();
      }
    }
  }
}
