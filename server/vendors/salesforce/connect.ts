import crypto from 'node:crypto';
import jsforce, { type Connection } from '@jsforce/jsforce-node';
import type { SalesforceSettings } from '../../store/connections';
import type { OutboundProxy } from '../outboundProxy';
import { DEFAULT_VENDOR_TIMEOUT_MS } from '../requestTimeout';
import { routeThroughProxy } from './proxyTransport';

export type SalesforceConnection = Connection;

/** Settings are incomplete for the chosen auth mode; `missing` names what to enter. */
export class SalesforceSettingsIncomplete extends Error {
  constructor(readonly missing: string[]) {
    super(`Enter ${missing.join(', ')} to connect to Salesforce.`);
    this.name = 'SalesforceSettingsIncomplete';
  }
}

export function missingSettings(settings: SalesforceSettings): string[] {
  const need: Record<SalesforceSettings['authMode'], (keyof SalesforceSettings)[]> = {
    password: ['username', 'password'],
    client_credentials: ['loginUrl', 'clientId', 'clientSecret'],
    jwt: ['clientId', 'username', 'privateKey'],
    sfdx: ['alias'],
  };
  return need[settings.authMode].filter((key) => !settings[key]);
}

type CredentialName = 'username' | 'password' | 'clientId' | 'clientSecret' | 'privateKey' | 'alias';

/** A credential the chosen mode needs (missingSettings lists the modes' needs). */
function credential(settings: SalesforceSettings, name: CredentialName): string {
  const value = settings[name];
  if (!value) throw new SalesforceSettingsIncomplete([name]);
  return value;
}

/**
 * Opens an authenticated connection in the configured mode, all through jsforce or
 * @salesforce/core: SOAP username-password login (password + security token), the OAuth client
 * credentials flow of a connected app, the OAuth JWT bearer flow, or an org the `sf` CLI
 * already authorized (by alias or username). Every request, sign-in included, goes through `proxy`
 * and is given up after `timeoutMs`.
 */
export async function connectSalesforce(
  settings: SalesforceSettings,
  proxy: OutboundProxy,
  timeoutMs = DEFAULT_VENDOR_TIMEOUT_MS,
): Promise<SalesforceConnection> {
  const missing = missingSettings(settings);
  if (missing.length) throw new SalesforceSettingsIncomplete(missing);
  const version = settings.apiVersion;
  switch (settings.authMode) {
    case 'password': {
      const connection = new jsforce.Connection({ loginUrl: settings.loginUrl, version });
      routeThroughProxy(connection, proxy, timeoutMs);
      await connection.login(credential(settings, 'username'), credential(settings, 'password') + (settings.securityToken ?? ''));
      return connection;
    }
    case 'client_credentials': {
      const connection = new jsforce.Connection({
        version,
        oauth2: { loginUrl: settings.loginUrl, clientId: credential(settings, 'clientId'), clientSecret: credential(settings, 'clientSecret') },
      });
      routeThroughProxy(connection, proxy, timeoutMs);
      await connection.authorize({ grant_type: 'client_credentials' });
      return connection;
    }
    case 'jwt': {
      const connection = new jsforce.Connection({ version, oauth2: { loginUrl: settings.loginUrl, clientId: credential(settings, 'clientId') } });
      routeThroughProxy(connection, proxy, timeoutMs);
      await connection.authorize({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion: signJwtAssertion({
          clientId: credential(settings, 'clientId'),
          username: credential(settings, 'username'),
          audience: settings.loginUrl,
          privateKey: credential(settings, 'privateKey'),
        }),
      });
      return connection;
    }
    case 'sfdx': {
      // The connection is built here rather than through Org.create, which asks the org for its
      // latest API version before we could route the connection through the proxy.
      // @salesforce/core (about 150 packages) is loaded only here, when the `sf` alias mode is used,
      // so the other modes neither wait for nor hold it.
      const { AuthInfo, Connection: CoreConnection, StateAggregator } = await import('@salesforce/core');
      const username = (await StateAggregator.getInstance()).aliases.resolveUsername(credential(settings, 'alias'));
      const connection = await CoreConnection.create({ authInfo: await AuthInfo.create({ username }), connectionOptions: { version } });
      routeThroughProxy(connection, proxy, timeoutMs);
      // @salesforce/core's Connection extends jsforce's, from the same @jsforce/jsforce-node the app
      // uses, so it is a SalesforceConnection as it is.
      return connection;
    }
  }
}

/**
 * The JWT bearer assertion: RS256 over {iss: client id, sub: username, aud: login host, exp}.
 * Signed with node:crypto because jsforce takes the assertion ready-made and the claim set is
 * four fields; a JWT library would add nothing here.
 */
export function signJwtAssertion(input: { clientId: string; username: string; audience: string; privateKey: string; now?: number }): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const nowSeconds = Math.floor((input.now ?? Date.now()) / 1000);
  const unsigned = `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode({
    iss: input.clientId,
    sub: input.username,
    aud: input.audience.replace(/\/$/, ''),
    exp: nowSeconds + 180,
  })}`;
  let key: crypto.KeyObject;
  try {
    key = crypto.createPrivateKey(input.privateKey);
  } catch {
    throw new SalesforceSettingsIncomplete(['a valid private key (PEM, beginning with -----BEGIN PRIVATE KEY-----)']);
  }
  return `${unsigned}.${crypto.sign('RSA-SHA256', Buffer.from(unsigned), key).toString('base64url')}`;
}
