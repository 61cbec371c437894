/**
 * The routes an Express app actually mounts, read from its router (for tests that hold the route
 * table, and the OpenAPI document made from it, to what the server answers).
 */

/** The parts of Express 5's router layers read here (router 2.x keeps the path a layer was mounted at in `rawPath`). */
export interface Layer {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, unknown> };
  handle?: { stack?: Layer[] };
}

export interface MountedRoute {
  method: string;
  path: string | RegExp;
}

/** Every route of a router, in the order Express tries them; mounted routers are walked with their mount path as prefix. */
export function mountedRoutes(stack: Layer[], prefix = ''): MountedRoute[] {
  return stack.flatMap((layer): MountedRoute[] => {
    if (layer.route) {
      const { path, methods } = layer.route;
      if (typeof path !== 'string' && !(path instanceof RegExp)) throw new Error(`A route has a path this test cannot read: ${String(path)}`);
      return Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path: typeof path === 'string' ? prefix + path : path }));
    }
    if (layer.handle?.stack) {
      if (typeof layer.rawPath !== 'string') throw new Error('A router is mounted without a path string: cannot tell where its routes are');
      return mountedRoutes(layer.handle.stack, layer.rawPath === '/' ? prefix : prefix + layer.rawPath);
    }
    return [];
  });
}
