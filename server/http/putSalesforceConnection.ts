import type { Request, Response } from 'express';
import type { AppContext } from '../context';
import { AppError } from '../errors';
import { LOGIN_URLS, type SalesforceSettings } from '../store/connections';
import { salesforceRequiredText, salesforceRequiredTextMessages, updateSalesforceConnectionRequest, type SavedSalesforceConnection } from '../../contracts/api';
import { checkSavedConnection } from './postConnectionTests';
import { salesforceView } from './views/connectionViews';
import { parseInput } from './validate';

/**
 * PUT /api/connections/salesforce. A text field the chosen mode needs cannot be cleared: the
 * refusal names that field. Changing the login host or the username drops the stored
 * password and security token unless new ones come with the change: credentials entered for one
 * identity are never silently reused for another. Saves even settings that do not work, and
 * answers at once with the authentication check of what it saved (`test`).
 */
export const putSalesforceConnection = (ctx: AppContext) => async (req: Request, res: Response<SavedSalesforceConnection>) => {
  const update = parseInput(updateSalesforceConnectionRequest, req.body);
  const current = await ctx.connections.salesforce();
  const authMode = update.authMode ?? current.authMode;
  // An empty text field clears the stored value (the schema already trimmed it).
  for (const field of ['username', 'clientId', 'alias'] as const) if (update[field] === '') update[field] = null;
  const cleared = salesforceRequiredText[authMode].filter((field) => update[field] === null);
  if (cleared.length) {
    const fields = cleared.map((field) => ({ path: field, message: salesforceRequiredTextMessages[field] }));
    throw new AppError('validation_failed', fields.map((field) => field.message).join('; '), { fields });
  }
  const environment = update.environment ?? current.environment;
  const loginUrl = environment === 'custom' ? (update.loginUrl ?? current.loginUrl).replace(/\/$/, '') : LOGIN_URLS[environment];
  const username = update.username !== undefined ? update.username : current.username;
  const identityChanged = loginUrl !== current.loginUrl || username !== current.username;

  const next: SalesforceSettings = {
    ...current,
    authMode,
    environment,
    loginUrl,
    username,
    clientId: update.clientId !== undefined ? update.clientId : current.clientId,
    alias: update.alias !== undefined ? update.alias : current.alias,
    apiVersion: update.apiVersion ?? current.apiVersion,
    password: update.password ?? (identityChanged ? undefined : current.password),
    securityToken: update.securityToken ?? (identityChanged ? undefined : current.securityToken),
    clientSecret: update.clientSecret ?? current.clientSecret,
    privateKey: update.privateKey ?? current.privateKey,
  };
  if (identityChanged && authMode === 'password' && current.password && update.password === undefined) {
    throw new AppError('validation_failed', 'The login host or username changed: enter the password and security token again.', {
      fields: [{ path: 'password', message: 'Required when the login host or username changes' }],
    });
  }
  await ctx.connections.saveSalesforce(next);
  ctx.health.invalidate('salesforce');
  ctx.sessions.reset();
  // Resubscribe CDC with the new credentials now, not when the old session next fails.
  await ctx.salesforceIntake.settingsChanged();
  ctx.logger.info({ connection: 'salesforce', changed: Object.keys(update) }, 'connection settings changed');
  const test = await checkSavedConnection(ctx, 'salesforce');
  res.json({ ...salesforceView(await ctx.connections.salesforce()), test });
};
