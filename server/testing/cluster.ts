import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { listen, type ListeningServer } from '../../lib/listen';
import type { IntakeStatusReply } from '../../contracts/sync';
import { eventually } from './eventually';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface Instance {
  name: string;
  port: number;
  url: string;
  process: ChildProcess;
  /** Resolves with the exit code or signal when the process ends. */
  exited: Promise<number | string | null>;
  output: string[];
}

/**
 * Starts one app instance as its own process (`node --import tsx server/main.ts`), the way an
 * operator runs several behind a load balancer, and resolves when /healthz answers.
 */
export async function startInstance(name: string, port: number, env: Record<string, string>): Promise<Instance> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<number | string | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`Instance ${name} exited during start:\n${output.join('')}`);
    const healthy = await fetch(`${url}/healthz`)
      .then((response) => response.ok)
      .catch(() => false);
    if (healthy) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Instance ${name} did not become healthy:\n${output.join('')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { name, port, url, process: child, exited, output };
}

/**
 * A round-robin HTTP load balancer over the live instances: a connection refused by a dead
 * instance is retried on the next one, as a balancer with health checks would do.
 */
export class LoadBalancer {
  readonly backends = new Map<string, string>();
  #next = 0;
  #server: ListeningServer | undefined;

  get url(): string {
    if (!this.#server) throw new Error('Load balancer not started');
    return this.#server.url;
  }

  async start(port = 0): Promise<void> {
    this.#server = await listen((req, res) => void this.#forward(req, res), { port });
  }

  async close(): Promise<void> {
    await this.#server?.close();
  }

  async #forward(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const targets = [...this.backends.values()];
    for (let tries = 0; tries < Math.max(1, targets.length); tries++) {
      const target = targets[this.#next++ % targets.length];
      if (!target) break;
      const answered = await new Promise<boolean>((resolve) => {
        const upstream = http.request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (response) => {
          res.writeHead(response.statusCode ?? 502, response.headers);
          response.pipe(res);
          response.on('end', () => resolve(true));
        });
        upstream.on('error', () => resolve(false));
        upstream.end(body);
      });
      if (answered) return;
    }
    res.writeHead(502).end('no live backend');
  }
}

/** Signs in to an instance as the admin with a password (its ADMIN_PASSWORD); answers the session cookie. */
export async function signInWithPassword(url: string, password: string, username = 'admin'): Promise<string> {
  const response = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`Sign-in to ${url} answered ${response.status}: ${await response.text()}`);
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error(`Sign-in to ${url} set no session cookie`);
  return cookie;
}

/**
 * Resolves once one of the instances leads the Salesforce intake with a live CDC subscription
 * (its intake status says so). A fresh subscription sees new changes only, as on Salesforce: a
 * test waits for it before changing Cases.
 */
export async function waitForCdcSubscription(instances: readonly Pick<Instance, 'name' | 'url'>[], cookie: string, timeoutMs = 60_000): Promise<void> {
  const subscribed = async (instance: Pick<Instance, 'url'>) => {
    const response = await fetch(`${instance.url}/api/sync/intake`, { headers: { cookie } });
    if (!response.ok) throw new Error(`GET ${instance.url}/api/sync/intake answered ${response.status}`);
    return ((await response.json()) as IntakeStatusReply).thisInstance.subscribed;
  };
  await eventually(
    async () => (await Promise.all(instances.map(subscribed))).includes(true),
    `one of ${instances.map((instance) => instance.name).join(', ')} to subscribe to Case change events`,
    timeoutMs,
  );
}
