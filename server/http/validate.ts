import type { z } from 'zod';
import { AppError } from '../errors';

/** A JSON object (not an array, not null): what a request body must be before its fields are read. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses input with a contract schema; failures become a 400 listing each field path and message. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  throw new AppError(
    'validation_failed',
    `The request is invalid: ${result.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ')}`,
    { fields: result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })) },
  );
}
