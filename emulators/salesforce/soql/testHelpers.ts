import { expect } from 'vitest';
import { SoqlError, executeSoql, type SoqlErrorCode } from './index';
import { NOW, caseId, fixtureSource, type MemorySource } from './testFixture';

export const options = { now: NOW, includeDeleted: false, apiVersion: '59.0' };

export function run(soql: string, source: MemorySource = fixtureSource(), overrides: Partial<typeof options> = {}) {
  return executeSoql(soql, source, { ...options, ...overrides });
}

/** The Case numbers a query returns, in order (Ids are built from the numbers). */
export function caseNumbers(soql: string, source?: MemorySource, overrides: Partial<typeof options> = {}): number[] {
  return run(soql, source, overrides).records.map((record) => {
    const id = String(record.Id);
    const n = [1, 2, 3, 4, 5, 6, 7].find((candidate) => caseId(candidate) === id);
    if (n === undefined) throw new Error(`select Id to use caseNumbers (got ${id})`);
    return n;
  });
}

export function soqlError(soql: string, source?: MemorySource): SoqlError {
  try {
    run(soql, source);
  } catch (error) {
    if (error instanceof SoqlError) return error;
    throw error;
  }
  throw new Error(`expected a SoqlError for: ${soql}`);
}

export function expectError(soql: string, errorCode: SoqlErrorCode, messagePart: string | RegExp): SoqlError {
  const error = soqlError(soql);
  expect(error.errorCode).toBe(errorCode);
  if (typeof messagePart === 'string') expect(error.message).toContain(messagePart);
  else expect(error.message).toMatch(messagePart);
  return error;
}
