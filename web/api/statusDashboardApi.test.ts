import { describe, expect, it, vi } from 'vitest';
import { ApiClient } from './client';
import { fakeFetch, jsonReply } from './fakeFetch';
import { dashboardQueryString, StatusDashboardApi } from './statusDashboardApi';

describe('StatusDashboardApi', () => {
  it('asks for the dashboard with only the filters that are set', async () => {
    const { fetch, calls } = fakeFetch(() => jsonReply(200, { incidents: [] }));
    const api = new StatusDashboardApi(new ApiClient({ fetch }));
    await api.dashboard({ serviceId: 'PSVC1' });
    await api.dashboard({});
    expect(calls.map((call) => [call.url, call.init.method])).toEqual([
      ['/api/status-dashboard?serviceId=PSVC1', 'GET'],
      ['/api/status-dashboard', 'GET'],
    ]);
    expect(dashboardQueryString({ serviceId: '', priorityId: 'PRI1' })).toBe('?priorityId=PRI1');
  });

  it('subscribes to the changed events of the stream and closes it on unsubscribe', () => {
    const opened: { url: string; listeners: Map<string, () => void>; closed: boolean; readyState: number }[] = [];
    const api = new StatusDashboardApi(new ApiClient({ fetch: fakeFetch(() => jsonReply(200, {})).fetch }), (url) => {
      const stream = { url, listeners: new Map<string, () => void>(), closed: false, readyState: 1 };
      opened.push(stream);
      return {
        addEventListener: (type: string, listener: () => void) => stream.listeners.set(type, listener),
        close: () => (stream.closed = true),
        get readyState() {
          return stream.readyState;
        },
      } as unknown as EventSource;
    });
    let changes = 0;
    const unsubscribe = api.subscribe(() => changes++);
    expect(opened[0]?.url).toBe('/api/status-dashboard/events');
    opened[0]?.listeners.get('changed')?.();
    expect(changes).toBe(1);
    unsubscribe();
    expect(opened[0]?.closed).toBe(true);
  });

  it('refreshes once when the browser gives up on the stream (a 401 after the session ended), and opens it again later', () => {
    vi.useFakeTimers();
    const opened: { listeners: Map<string, () => void>; readyState: number; closed: boolean }[] = [];
    const api = new StatusDashboardApi(new ApiClient({ fetch: fakeFetch(() => jsonReply(200, {})).fetch }), () => {
      const stream = { listeners: new Map<string, () => void>(), readyState: 1, closed: false };
      opened.push(stream);
      return {
        addEventListener: (type: string, listener: () => void) => stream.listeners.set(type, listener),
        close: () => (stream.closed = true),
        get readyState() {
          return stream.readyState;
        },
      } as unknown as EventSource;
    });
    let changes = 0;
    const unsubscribe = api.subscribe(() => changes++);
    // A dropped connection the browser retries by itself: nothing to do.
    opened[0]!.readyState = 0;
    opened[0]!.listeners.get('error')?.();
    expect(changes).toBe(0);
    opened[0]!.readyState = 2;
    opened[0]!.listeners.get('error')?.();
    expect(changes).toBe(1);
    vi.advanceTimersByTime(9_999);
    expect(opened).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(opened).toHaveLength(2);
    unsubscribe();
    expect(opened[1]!.closed).toBe(true);
    vi.useRealTimers();
  });
});
