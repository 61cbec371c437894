import { describe, expect, it, vi } from 'vitest';
import type { ConnectionHealth } from '../../contracts/api';
import { PagerDutyApiError } from '../vendors/pagerduty/client';
import { checkSavedConnection } from './postConnectionTests';

const logger = { info: vi.fn(), warn: vi.fn() };

function contextWith(check: () => Promise<ConnectionHealth>) {
  return { health: { check: vi.fn(check), invalidate: vi.fn() }, logger };
}

describe('the check a connection Save answers with', () => {
  it('is the Test button’s fresh check, without the configured flag', async () => {
    const ctx = contextWith(() =>
      Promise.resolve({
        configured: true,
        ok: false,
        reason: 'invalid_key',
        message: 'PagerDuty rejected the REST API key.',
        checkedAt: 'now',
      }),
    );
    expect(await checkSavedConnection(ctx, 'pagerduty')).toEqual({
      ok: false,
      reason: 'invalid_key',
      message: 'PagerDuty rejected the REST API key.',
      checkedAt: 'now',
    });
    expect(ctx.health.check).toHaveBeenCalledWith('pagerduty', { force: true });
  });

  it('turns an unexpected failure into a failed result through the vendor error mapper, and forgets it', async () => {
    const ctx = contextWith(() => Promise.reject(new PagerDutyApiError(500, undefined, 'Internal Server Error', [])));
    const result = await checkSavedConnection(ctx, 'pagerduty');
    expect(result).toMatchObject({ ok: false, reason: 'upstream_failed' });
    expect(result.message).toContain('PagerDuty failed while testing the saved key');
    expect(ctx.health.invalidate).toHaveBeenCalledWith('pagerduty');
  });

  it('answers that the vendor did not answer in time instead of holding the save', async () => {
    const ctx = contextWith(() => new Promise<ConnectionHealth>(() => undefined));
    const result = await checkSavedConnection(ctx, 'salesforce', 5);
    expect(result).toMatchObject({ ok: false, reason: 'timeout' });
    expect(result.message).toMatch(/^Salesforce did not answer the connection test within \d+ seconds\.$/);
    expect(result.hint).toMatch(/The settings are saved/);
  });
});
