import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 10_000;

export type EmulatorKind = 'salesforce' | 'pagerduty';

/** An emulator running as its own OS process, as a remote vendor would be. */
export interface EmulatorProcess {
  kind: EmulatorKind;
  url: string;
  process: ChildProcess;
  /** Resolves with the exit code or signal when the process ends. */
  exited: Promise<number | string | null>;
  /** The last lines the emulator printed, for error messages. */
  output: string[];
  /** The emulator's control API (`/__emulator/...`): JSON in and out. */
  control<T>(route: string, init?: { method?: string; body?: unknown }): Promise<T>;
  /** SIGTERM (the emulator closes its server), SIGKILL after a grace period; resolves once it exited. */
  stop(): Promise<void>;
}

/**
 * Starts `node --import tsx emulators/<kind>/main.ts --port 0 ...args` and resolves with its URL
 * once it printed its "listening on" line. The child gets an IPC channel only so that it stops
 * by itself when this process goes away, however it ended (see the emulators' main.ts). It runs
 * in a process group of its own so a Ctrl+C reaches the benchmark alone, which then closes the
 * app before the emulators, as it does on a normal end: the app never sees its vendors vanish.
 */
export async function startEmulatorProcess(kind: EmulatorKind, args: string[] = []): Promise<EmulatorProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'emulators', kind, 'main.ts'), '--port', '0', ...args], {
    cwd: ROOT,
    env: process.env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    detached: true,
  });
  const output: string[] = [];
  let announced: ((url: string) => void) | undefined;
  const keep = (chunk: Buffer) => {
    const text = chunk.toString();
    output.push(text);
    if (output.length > 200) output.shift();
    const url = /listening on (http:\/\/\S+)/.exec(text)?.[1];
    if (url) announced?.(url);
  };
  // Always drained: a full pipe would block the emulator on its next write.
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | string | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));

  let url: string;
  try {
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`The ${kind} emulator did not announce its URL within ${START_TIMEOUT_MS / 1000} s:\n${output.join('')}`)),
        START_TIMEOUT_MS,
      );
      announced = (found) => {
        clearTimeout(timer);
        resolve(found);
      };
      void exited.then((how) => {
        clearTimeout(timer);
        reject(new Error(`The ${kind} emulator exited (${how}) during start:\n${output.join('')}`));
      });
    });
  } catch (error) {
    await terminate(child, exited);
    throw error;
  }

  return {
    kind,
    url,
    process: child,
    exited,
    output,
    async control<T>(route: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
      const response = await fetch(`${url}/__emulator${route}`, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers: { 'content-type': 'application/json' },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${kind} emulator ${init.method ?? 'GET'} /__emulator${route} answered ${response.status}: ${text}`);
      return (text ? JSON.parse(text) : undefined) as T;
    },
    stop: () => terminate(child, exited),
  };
}

async function terminate(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

/**
 * Cleanups run last-in first-out, once, whether the benchmark ends, fails or is interrupted
 * (SIGINT/SIGTERM: the cleanups run, then the process exits 130/143; a second signal exits at
 * once). A step that takes longer than STEP_TIMEOUT_MS is reported and skipped, so a hung close
 * can never keep the benchmark (and its emulator processes) alive.
 */
export class Teardown {
  static readonly STEP_TIMEOUT_MS = 30_000;
  readonly #steps: { name: string; run: () => Promise<void> | void }[] = [];
  #running: Promise<boolean> | undefined;
  /** True once SIGINT or SIGTERM arrived: the signal handler ends the process. */
  interrupted = false;

  constructor() {
    const interrupt = (signal: NodeJS.Signals, code: number) => {
      if (this.interrupted) process.exit(code);
      this.interrupted = true;
      console.error(`\n${signal}: closing the app and stopping the emulators…`);
      void this.run().finally(() => process.exit(code));
    };
    process.on('SIGINT', () => interrupt('SIGINT', 130));
    process.on('SIGTERM', () => interrupt('SIGTERM', 143));
  }

  add(name: string, run: () => Promise<void> | void): void {
    this.#steps.push({ name, run });
  }

  /** Runs every step; resolves false when one failed or timed out. */
  run(): Promise<boolean> {
    this.#running ??= runAll(this.#steps.splice(0));
    return this.#running;
  }
}

async function runAll(steps: { name: string; run: () => Promise<void> | void }[]): Promise<boolean> {
  let clean = true;
  for (const step of steps.reverse()) {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        Promise.resolve().then(step.run),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`did not finish within ${Teardown.STEP_TIMEOUT_MS / 1000} s`)), Teardown.STEP_TIMEOUT_MS);
        }),
      ]);
    } catch (error) {
      clean = false;
      console.error(`cleanup "${step.name}" failed: ${(error as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
  }
  return clean;
}
