import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('RETENTION_DAYS', () => {
  it('defaults to 30 days and takes a whole number of days', () => {
    expect(loadConfig({}).retentionDays).toBe(30);
    expect(loadConfig({ RETENTION_DAYS: '90' }).retentionDays).toBe(90);
  });

  it('refuses fewer days than Salesforce replays change events for, and what is not a whole number, saying what to set', () => {
    for (const [value, message] of [
      ['2', 'RETENTION_DAYS: RETENTION_DAYS must be at least 3'],
      ['1.5', 'RETENTION_DAYS: RETENTION_DAYS must be a whole number of days, such as 30'],
      ['month', 'RETENTION_DAYS: RETENTION_DAYS must be a whole number of days, such as 30'],
    ]) {
      let error: unknown;
      try {
        loadConfig({ RETENTION_DAYS: value });
      } catch (caught) {
        error = caught;
      }
      expect(error, value).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.join('\n'), value).toContain(message);
    }
  });
});
