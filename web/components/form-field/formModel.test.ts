import { describe, expect, it } from 'vitest';
import { describeFieldErrors, fieldErrorMap, secretPlaceholder } from './formModel';

describe('secretPlaceholder', () => {
  it('says a secret is set, with its last characters when the server gives them', () => {
    expect(secretPlaceholder({ set: true, hint: 'a1b2' })).toBe('•••• set (ends …a1b2)');
    expect(secretPlaceholder({ set: true, hint: '…a1b2' })).toBe('•••• set (ends …a1b2)');
    expect(secretPlaceholder({ set: true })).toBe('•••• set');
    expect(secretPlaceholder({ set: false })).toBe('Not set');
  });
});

describe('fieldErrorMap', () => {
  it('keeps the first message per top-level field', () => {
    const map = fieldErrorMap([
      { path: 'apiUrl', message: 'Enter the API base URL' },
      { path: 'apiUrl', message: 'second' },
      { path: 'nested.inner', message: 'Nested problem' },
      { path: '', message: 'Body problem' },
    ]);
    expect([...map]).toEqual([
      ['apiUrl', 'Enter the API base URL'],
      ['nested', 'Nested problem'],
    ]);
  });
});

describe('describeFieldErrors', () => {
  it('names fields by their labels, falling back to the path', () => {
    expect(
      describeFieldErrors(
        [
          { path: 'apiUrl', message: 'Enter the API base URL' },
          { path: 'mystery', message: 'Unknown field' },
        ],
        { apiUrl: 'API base URL' },
      ),
    ).toBe('API base URL: Enter the API base URL; mystery: Unknown field');
  });
});
