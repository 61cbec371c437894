/**
 * The message of anything thrown: an Error's message, else the thrown value as text. `catch`
 * gives `unknown` (JavaScript may throw anything), and logs and replies need a string.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') return error.message;
  return String(error);
}
