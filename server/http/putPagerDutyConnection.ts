import type { Request, Response } from 'express';
import type { AppContext } from '../context';
import type { PagerDutySettings } from '../store/connections';
import { parseCustomHeaders, updatePagerDutyConnectionRequest, type CustomHeader, type SavedPagerDutyConnection } from '../../contracts/api';
import { checkSavedConnection } from './postConnectionTests';
import { pagerDutyView } from './views/connectionViews';
import { parseInput } from './validate';

/**
 * PUT /api/connections/pagerduty: changes only the fields sent; an absent apiKey keeps the stored one,
 * and `customHeaders` (the text box, one `Name: value` per line) replaces the saved headers. A new
 * API host (another origin) does not inherit the stored key and headers: they were given for the
 * old host, and the save's connection check would otherwise send them to whatever host was typed.
 * Saves even settings that do not work, and answers at once with the REST connection check of
 * what it saved (`test`: a wrong key is "PagerDuty rejected the REST API key." and what to do).
 */
export const putPagerDutyConnection = (ctx: AppContext) => async (req: Request, res: Response<SavedPagerDutyConnection>) => {
  const update = parseInput(updatePagerDutyConnectionRequest, req.body);
  const stored = await ctx.connections.pagerduty();
  const current = update.apiUrl !== undefined && originOf(update.apiUrl) !== originOf(stored.apiUrl) ? withoutSecrets(stored) : stored;
  const next = {
    ...current,
    ...(update.apiUrl !== undefined ? { apiUrl: update.apiUrl.replace(/\/$/, '') } : {}),
    ...(update.apiKey !== undefined ? { apiKey: update.apiKey.trim() } : {}),
    ...(update.fromEmail !== undefined ? { fromEmail: update.fromEmail } : {}),
    ...(update.customHeaders !== undefined ? { customHeaders: customHeadersOf(update.customHeaders) } : {}),
  };
  await ctx.connections.savePagerDuty(next);
  ctx.health.invalidate('pagerduty');
  ctx.health.invalidate('integrationUser');
  ctx.sessions.reset();
  ctx.logger.info({ connection: 'pagerduty', changed: Object.keys(update) }, 'connection settings changed');
  const test = await checkSavedConnection(ctx, 'pagerduty');
  res.json({ ...pagerDutyView(await ctx.connections.pagerduty()), test });
};

/** The request schema already refused every bad line, so this parse succeeds. */
function customHeadersOf(text: string): CustomHeader[] {
  const parsed = parseCustomHeaders(text);
  return parsed.ok ? parsed.headers : [];
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

function withoutSecrets(settings: PagerDutySettings): PagerDutySettings {
  const { apiKey: _key, customHeaders: _headers, ...rest } = settings;
  return rest;
}
