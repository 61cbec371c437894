import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeNames, routes } from '../../contracts/routes';
import { API_PREFIX, WEB_UI_PATHS, createApp } from '../app';
import { startTestServer, type TestServer } from '../testing/harness';
import { mountedRoutes, type Layer, type MountedRoute } from '../testing/mountedRoutes';

/**
 * The route table (contracts/routes.ts) and what Express actually mounts, compared both ways by
 * walking the app's router: every contract has a handler, every handler a contract, and none is
 * hidden behind an earlier route that would match its path.
 */

const label = (route: MountedRoute) => `${route.method} ${String(route.path)}`;
const declared = routeNames.map((name) => ({ name, method: routes[name].method, path: routes[name].path }));

/** A `:name` path as Express 5 matches it; the table uses no other path syntax. */
function pathPattern(path: string): RegExp {
  if (/[{}*()?+]/.test(path)) throw new Error(`${path}: this test reads only literal segments and :name parameters`);
  const segments = path.split('/').map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.\\^$|[\]]/g, '\\$&')));
  return new RegExp(`^${segments.join('/')}/?$`, 'i');
}

let server: TestServer;
let mounted: MountedRoute[];
beforeAll(async () => {
  server = await startTestServer();
  const app = createApp(server.ctx) as unknown as { router: { stack: Layer[] } };
  mounted = mountedRoutes(app.router.stack);
});
afterAll(() => server.close());

describe('the route table and the mounted routes', () => {
  it('finds the routes (the walk reads the router)', () => {
    expect(mounted.length).toBeGreaterThan(routeNames.length / 2);
    expect(mounted.filter((route) => route.path === WEB_UI_PATHS).map(label)).toEqual([`GET ${String(WEB_UI_PATHS)}`]);
  });

  it('mounts a handler for every route of the table', () => {
    const missing = declared.filter((route) => !mounted.some((candidate) => candidate.method === route.method && candidate.path === route.path));
    expect(missing.map((route) => `${route.name} (${route.method} ${route.path})`)).toEqual([]);
  });

  it('mounts no route that the table does not declare (the web UI pages apart)', () => {
    const extra = mounted.filter(
      (route) => route.path !== WEB_UI_PATHS && !declared.some((candidate) => candidate.method === route.method && candidate.path === route.path),
    );
    expect(extra.map(label)).toEqual([]);
  });

  it('declares and mounts each method and path once', () => {
    const twice = <T>(items: T[], key: (item: T) => string) => items.map(key).filter((item, index, all) => all.indexOf(item) !== index);
    expect(twice(declared, (route) => `${route.method} ${route.path}`)).toEqual([]);
    expect(twice(mounted, label)).toEqual([]);
  });

  it('hides no route behind an earlier one that matches its path', () => {
    const ordered = mounted.filter((route): route is MountedRoute & { path: string } => typeof route.path === 'string');
    const hidden = ordered.flatMap((route, index) => {
      const concrete = route.path.replace(/:\w+/g, 'x');
      const earlier = ordered
        .slice(0, index)
        .find((candidate) => candidate.method === route.method && candidate.path !== route.path && pathPattern(candidate.path).test(concrete));
      return earlier ? [`${label(route)} is hidden by ${label(earlier)}`] : [];
    });
    expect(hidden).toEqual([]);
  });

  it(`answers an unknown ${API_PREFIX} path with 401 without a session and 404 in the error envelope with one`, async () => {
    const unknown = `${server.url}${API_PREFIX}/no-such-route`;
    expect((await fetch(unknown)).status).toBe(401);
    const { cookie } = await server.signIn();
    const reply = await fetch(unknown, { headers: { cookie } });
    expect(reply.status).toBe(404);
    expect(await reply.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
