import type { z } from 'zod';
import { describeIssues } from '../incidents/schemas';
import { invalidInput } from './errors';

/** Parses a JSON body with a strict schema; any mismatch is PagerDuty's 400 "Invalid Input Provided". */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  if (body === undefined || body === null || typeof body !== 'object') {
    throw invalidInput('A JSON object body with Content-Type: application/json is required.');
  }
  const result = schema.safeParse(body);
  if (!result.success) throw invalidInput(...describeIssues(result.error));
  return result.data;
}
