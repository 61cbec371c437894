/**
 * The Bayeux `error` strings Salesforce's Streaming API answers with (code::message), and the
 * small checks that choose between them. Clients match on these texts (jsforce's AuthFailure
 * extension, EMP Connector), so they are copied exactly, double space included.
 */
import type http from 'node:http';
import { LATEST_API_VERSION, supportedApiVersions } from '../rest/versions';

/** The emulator's API versions from 37.0 on: Salesforce's Streaming API refuses older ones. */
const OLDEST_STREAMING_API_VERSION = 37;
const STREAMING_API_VERSIONS = new Set(supportedApiVersions().filter((version) => Number(version) >= OLDEST_STREAMING_API_VERSION));

export const streamingErrors = {
  handshakeDenied: '403::Handshake denied',
  unknownClient: '403::Unknown client',
  authenticationInvalid: '401::Authentication invalid',
  authenticationRequired: '401::Request requires authentication',
  versionMissing: `400::API version in the URI is mandatory. URI format: '/cometd/${LATEST_API_VERSION}'`,
  versionUnsupported: `400::Unsupported API version. Only API versions '${OLDEST_STREAMING_API_VERSION}.0' and later are supported. URI format: '/cometd/${LATEST_API_VERSION}'`,
  invalidConnectionType: (connectionType: string) => `400::Invalid connection type ${connectionType}`,
  unknownChannel: (channel: string) => `400::The channel you requested to subscribe to does not exist {${channel}}`,
  invalidReplayId: (replayId: unknown) =>
    `400::The replayId {${String(replayId)}} you provided was invalid.  Please provide a valid ID, -2 to replay all events, or -1 to replay only new events.`,
  publishNotAllowed: (channel: string) => `403:${channel}:Publishing to this channel is not allowed`,
} as const;

/** faye's own unknown-client error (`401:<clientId>:Unknown client`), which Salesforce words differently. */
export function isFayeUnknownClientError(error: string | undefined): boolean {
  return error !== undefined && /^401:[^:]*:Unknown client$/.test(error);
}

/** The `/cometd/<version>` check; undefined when the version is acceptable. */
export function apiVersionError(requestUrl: string | undefined): string | undefined {
  const path = new URL(requestUrl ?? '/', 'http://emulator.invalid').pathname.replace(/\/+$/, '');
  const version = /^\/cometd\/([^/]+)$/.exec(path)?.[1];
  if (version === undefined) return path === '/cometd' ? streamingErrors.versionMissing : streamingErrors.versionUnsupported;
  if (!STREAMING_API_VERSIONS.has(version)) return streamingErrors.versionUnsupported;
  return undefined;
}

/** The session token jsforce sends as `Authorization: OAuth <token>` (Bearer is accepted too). */
export function accessTokenOf(request: http.IncomingMessage): string | undefined {
  const header = request.headers.authorization;
  const match = header === undefined ? null : /^(?:OAuth|Bearer)\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
