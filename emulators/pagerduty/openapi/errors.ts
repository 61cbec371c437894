/** Turning ajv's errors into sentences that name where in the message the problem is. */
import type { ErrorObject } from 'ajv';

export function describeAjvErrors(where: string, errors: readonly ErrorObject[] | null | undefined): string[] {
  const sentences = (errors ?? []).map((error) =>
    error.instancePath === '' ? `${where} ${explain(error)}` : `${where} ${error.instancePath} ${explain(error)}`,
  );
  return [...new Set(sentences)];
}

function explain(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'enum':
      return `${error.message ?? 'is not allowed'}: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'additionalProperties':
      return `${error.message ?? 'has an unexpected property'} '${String(params.additionalProperty)}'`;
    case 'format':
      return `must be a ${String(params.format)} (${error.message ?? 'wrong format'})`;
    default:
      return error.message ?? `fails ${error.keyword}`;
  }
}
