/**
 * Waiting in tests: for a state, never for a fixed time. A wait that fails says what did not
 * happen; its timeout is generous (a loaded machine is slow, not wrong) and only catches a hang.
 */

const POLL_MS = 25;

/**
 * Polls `check` until it answers something other than undefined, null or false, and resolves
 * with that answer. After `timeoutMs` it fails with "Timed out waiting for <what>" and the last
 * error `check` threw, if any.
 */
export async function eventually<T>(
  check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`Timed out waiting for ${what}${cause}`, { cause: lastError });
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * Resolves as `promise` does, or fails with "<what> did not finish within <ms> ms" if it has not
 * settled by then: a bound for a call that must not hang, not a measure of its speed.
 */
export async function settlesWithin<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, bound]);
  } finally {
    clearTimeout(timer);
  }
}

/** A promise and the function that resolves it: a cue one side of a test gives the other. */
export function cue<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => (resolve = settle));
  return { promise, resolve };
}
