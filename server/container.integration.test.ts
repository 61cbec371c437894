import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eventually } from './testing/eventually';

/**
 * The image's start without Docker (none runs here): the runtime stage's CMD, with its ENV, is
 * started from the repository (the image's WORKDIR holds the same files) on a temp data dir and
 * a free port, and its HEALTHCHECK command must pass, as Docker would run it. So a CMD that
 * rebuilds the UI, needs a missing file, or a HEALTHCHECK that asks the wrong path fails here.
 */
const ROOT = path.resolve(import.meta.dirname, '..');

interface Stage {
  env: Record<string, string>;
  cmd: string[];
  healthcheck: string[];
  user: string | undefined;
  volumes: string[];
  expose: string[];
}

/**
 * A Dockerfile parser for what this test needs: line continuations joined, comments dropped,
 * the instructions of the LAST stage (the runtime) read; CMD and HEALTHCHECK in exec (JSON) form
 * only, as a shell form would put /bin/sh between Docker's signals and the app.
 */
function parseRuntimeStage(text: string): Stage {
  const instructions = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [keyword = '', ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
  const lastFrom = instructions.map((instruction) => instruction.keyword).lastIndexOf('FROM');
  const stage: Stage = { env: {}, cmd: [], healthcheck: [], user: undefined, volumes: [], expose: [] };
  for (const { keyword, args } of instructions.slice(lastFrom + 1)) {
    if (keyword === 'ENV') {
      for (const match of args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|\S*)/g)) {
        const value = match[2] ?? '';
        stage.env[match[1] ?? ''] = value.startsWith('"') ? (JSON.parse(value) as string) : value;
      }
    } else if (keyword === 'CMD') {
      stage.cmd = JSON.parse(args) as string[];
    } else if (keyword === 'HEALTHCHECK') {
      const exec = /\bCMD\s+(\[.*\])\s*$/.exec(args);
      if (!exec?.[1]) throw new Error(`HEALTHCHECK must use the exec form CMD [...]: ${args}`);
      stage.healthcheck = JSON.parse(exec[1]) as string[];
    } else if (keyword === 'USER') {
      stage.user = args;
    } else if (keyword === 'VOLUME') {
      stage.volumes.push(...(args.startsWith('[') ? (JSON.parse(args) as string[]) : args.split(/\s+/)));
    } else if (keyword === 'EXPOSE') {
      stage.expose.push(...args.split(/\s+/));
    }
  }
  return stage;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Runs a command to its end and answers its exit code. */
function exitCode(argv: string[], env: Record<string, string>): Promise<number | null> {
  const [command = '', ...args] = argv;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code));
  });
}

const stage = parseRuntimeStage(fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8'));
let dataDir: string;
let env: Record<string, string>;
let app: ChildProcess;
let output = '';

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdsc-container-'));
  env = {
    // What the node image provides, then the Dockerfile's ENV; the test's own environment is left out.
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: dataDir,
    ...stage.env,
    // Only what a shared test machine needs: the volume's place, and free ports (the image's
    // demo mode would take 4010 and 4020).
    DATA_DIR: dataDir,
    PORT: String(await freePort()),
    SF_EMULATOR_PORT: '0',
    PD_EMULATOR_PORT: '0',
  };
  const [command = '', ...args] = stage.cmd;
  app = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  app.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  app.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
});

afterAll(async () => {
  if (app.exitCode === null && app.signalCode === null) {
    app.kill('SIGKILL');
    await new Promise((resolve) => app.once('exit', resolve));
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('declares a non-root user, the data dir as a volume and the port it listens on', () => {
  expect(stage.user).toBeDefined();
  expect(['root', '0']).not.toContain(stage.user);
  expect(stage.volumes).toContain(stage.env.DATA_DIR);
  expect(stage.expose).toContain(stage.env.PORT);
  expect(stage.env.HOST).toBe('0.0.0.0');
  // The UI is built in the image's build stage: starting never runs vite (a devDependency).
  expect(stage.cmd.join(' ')).not.toMatch(/vite|npm (run )?start/);
});

it("starts with the image's command and environment and passes its healthcheck, then stops on SIGTERM", async () => {
  await eventually(
    async () => {
      if (app.exitCode !== null) throw new Error(`the app exited with ${app.exitCode}:\n${output}`);
      return (await exitCode(stage.healthcheck, env)) === 0;
    },
    'the HEALTHCHECK command to pass',
    90_000,
  );
  const ready = await fetch(`http://127.0.0.1:${env.PORT}/readyz`);
  expect(ready.status).toBe(200);
  expect(fs.existsSync(path.join(dataDir, 'app.db'))).toBe(true);

  const exited = new Promise<number | null>((resolve) => app.once('exit', (code) => resolve(code)));
  app.kill('SIGTERM');
  expect(await exited).toBe(0);
}, 120_000);
