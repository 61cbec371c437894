import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';

/**
 * Fault injection shared by both emulators: make requests whose method and path match fail
 * (with a status and a vendor error code), slow down, or hang (a timeout), `times` times or at
 * a `rate`. Each emulator renders the failure in its own vendor's error shape.
 */
export const faultSpecSchema = z
  .object({
    /** Regular expression tested against the request path (no query string). */
    path: z.string().min(1),
    method: z.string().toUpperCase().optional(),
    status: z.number().int().min(100).max(599).optional(),
    /** Vendor error code: Salesforce `errorCode` (string) or PagerDuty `code` (number). */
    code: z.union([z.string(), z.number()]).optional(),
    message: z.string().optional(),
    latencyMs: z.number().int().min(0).max(120_000).optional(),
    /** Never answer: the client sees a timeout. */
    hang: z.boolean().optional(),
    /** How many matching requests fail; unlimited when absent. */
    times: z.number().int().positive().optional(),
    /** Probability in [0, 1] that a matching request fails; 1 when absent. */
    rate: z.number().min(0).max(1).optional(),
    /** Extra response headers, e.g. a `retry-after`. */
    headers: z.record(z.string(), z.string()).optional(),
  })
  .strict()
  .refine((spec) => spec.status !== undefined || spec.hang || spec.latencyMs !== undefined, {
    error: 'A fault needs a status, hang: true, or latencyMs',
  });

export type FaultSpec = z.infer<typeof faultSpecSchema>;

export interface Fault extends FaultSpec {
  id: number;
  /** How many requests this fault has affected so far. */
  hits: number;
}

export class FaultInjector {
  #faults: Fault[] = [];
  #nextId = 1;
  readonly #random: () => number;

  constructor(random: () => number = Math.random) {
    this.#random = random;
  }

  add(spec: FaultSpec): Fault {
    new RegExp(spec.path); // throws early on an invalid pattern
    const fault: Fault = { ...spec, id: this.#nextId++, hits: 0 };
    this.#faults.push(fault);
    return fault;
  }

  remove(id: number): boolean {
    const before = this.#faults.length;
    this.#faults = this.#faults.filter((fault) => fault.id !== id);
    return this.#faults.length !== before;
  }

  clear(): void {
    this.#faults = [];
  }

  list(): Fault[] {
    return this.#faults.map((fault) => ({ ...fault }));
  }

  /** The fault that applies to this request, counting it as a hit; exhausted faults disappear. */
  take(method: string, path: string): Fault | undefined {
    for (const fault of this.#faults) {
      if (fault.method && fault.method !== method.toUpperCase()) continue;
      if (!new RegExp(fault.path).test(path)) continue;
      if (fault.rate !== undefined && this.#random() >= fault.rate) continue;
      fault.hits += 1;
      if (fault.times !== undefined && fault.hits >= fault.times) this.remove(fault.id);
      return { ...fault };
    }
    return undefined;
  }
}

/**
 * Express middleware applying injected faults. `render` writes the vendor-shaped error for a
 * fault that has a status. Paths under `/__emulator` are never faulted, so tests can always heal.
 */
export function faultMiddleware(injector: FaultInjector, render: (fault: Fault, req: Request, res: Response) => void) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.path.startsWith('/__emulator')) {
      next();
      return;
    }
    const fault = injector.take(req.method, req.path);
    if (!fault) {
      next();
      return;
    }
    const act = (): void => {
      if (fault.hang) return; // hold the socket open; the client times out
      if (fault.status === undefined) {
        next();
        return;
      }
      for (const [name, value] of Object.entries(fault.headers ?? {})) res.setHeader(name, value);
      render(fault, req, res);
    };
    if (fault.latencyMs) setTimeout(act, fault.latencyMs).unref();
    else act();
  };
}
