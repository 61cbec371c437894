import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

/** A server listening on a host and port, closable with every open connection. */
export interface ListeningServer {
  /** An `https.Server` when started with `tls` (it is an `http.Server` to every listener). */
  server: http.Server;
  port: number;
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:4010` (`https://` with `tls`). */
  url: string;
  close(): Promise<void>;
}

export interface ListenOptions {
  port?: number;
  host?: string;
  /** Serve HTTPS with this PEM key and certificate (see lib/localTls.ts); plain HTTP without. */
  tls?: { key: string; cert: string };
}

/**
 * Listens with `handler` (an Express app or any request listener). Port 0 picks a free port.
 * `close()` destroys kept-alive and long-polling sockets too, so tests never hang on shutdown.
 */
export async function listen(handler: http.RequestListener, options: ListenOptions = {}): Promise<ListeningServer> {
  const host = options.host ?? '127.0.0.1';
  const server: http.Server = options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, handler) : http.createServer(handler);
  // Every socket is tracked here rather than left to server.closeAllConnections(): with that (and
  // upgraded sockets tracked apart) the Salesforce emulator's CDC suite hung in close().
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    server,
    port,
    url: `${options.tls ? 'https' : 'http'}://${urlHost(host)}:${port}`,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}

/** A port from `--port N` (util.parseArgs's value), else an env var, else a default. */
export function portFrom(flag: string | undefined, envValue: string | undefined, fallback: number): number {
  const raw = flag ?? envValue;
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`Invalid port "${raw}": give an integer between 0 and 65535, e.g. --port 4010`);
  }
  return port;
}

/** An IPv6 address goes in brackets in a URL. */
function urlHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** Whether `--tls` is given (util.parseArgs's value), or the env var says `true` / `1` / `yes` (the emulators' and the demo's HTTPS switch). */
export function tlsRequested(flag: boolean | undefined, envValue: string | undefined): boolean {
  return flag === true || ['true', '1', 'yes'].includes((envValue ?? '').trim().toLowerCase());
}
