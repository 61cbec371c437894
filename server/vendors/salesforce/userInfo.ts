import { request } from 'undici';
import { z } from 'zod';
import type { OutboundProxy } from '../outboundProxy';

/**
 * One call to an org's OpenID Connect UserInfo endpoint (`GET {instance}/services/oauth2/userinfo`)
 * with a user's access token: who the token belongs to, or that Salesforce no longer honours it.
 * Salesforce serves it in every edition to any token with the `id` (or `openid`) scope, about
 * the token's own user, without the API Enabled permission agents often lack.
 *
 * Hand-written rather than jsforce's `identity()`, which first reads the REST API root (a call
 * counted against the org's daily allocation and refused to users without API Enabled) and puts
 * the token in the query string; this is one GET with the token in a header, no redirect followed.
 */

export type UserInfoAnswer =
  | { kind: 'user'; userId: string; organizationId: string }
  /** 401/403 (Salesforce's identity service answers `Bad_OAuth_Token`): revoked, expired or never issued. */
  | { kind: 'token_refused'; status: number }
  /** Not reached, or an answer that is neither of the above (5xx, a maintenance page, a timeout). */
  | { kind: 'unavailable'; message: string };

const userInfoSchema = z.object({ user_id: z.string().min(1), organization_id: z.string().min(1) });

export const USERINFO_PATH = '/services/oauth2/userinfo';

export async function fetchUserInfo(instanceUrl: string, accessToken: string, proxy: OutboundProxy, timeoutMs = 10_000): Promise<UserInfoAnswer> {
  const url = new URL(USERINFO_PATH, instanceUrl);
  let status: number;
  let text: string;
  try {
    const dispatcher = proxy.dispatcher;
    const response = await request(url, {
      method: 'GET',
      headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
      ...(dispatcher ? { dispatcher } : {}),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    status = response.statusCode;
    text = await response.body.text();
  } catch (error) {
    return { kind: 'unavailable', message: `${url.origin} could not be reached (${error instanceof Error ? error.message : String(error)})` };
  }
  if (status === 401 || status === 403) return { kind: 'token_refused', status };
  if (status !== 200) return { kind: 'unavailable', message: `${url.origin} answered HTTP ${status}` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'unavailable', message: `${url.origin} answered something other than JSON` };
  }
  const parsed = userInfoSchema.safeParse(json);
  if (!parsed.success) return { kind: 'unavailable', message: `${url.origin} answered no user_id and organization_id` };
  return { kind: 'user', userId: parsed.data.user_id, organizationId: parsed.data.organization_id };
}
