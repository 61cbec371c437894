import { describe, expect, it } from 'vitest';
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
    const opened: { url: string; listeners: Map<string, () => void>; closed: boolean }[] = [];
    const api = new StatusDashboardApi(new ApiClient({ fetch: fakeFetch(() => jsonReply(200, {})).fetch }), (url) => {
      const stream = { url, listeners: new Map<string, () => void>(), closed: false };
      opened.push(stream);
      return {
        addEventListener: (type: string, listener: () => void) => stream.listeners.set(type, listener),
        close: () => (stream.closed = true),
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
});
