import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import { AppError } from '../errors';
import type { CanvasSettings } from '../store/connections';
import type { CanvasRequest } from './canvasSignedRequest';
import type { SecretBox } from './secrets';

/**
 * The agent token: what a verified Canvas signed request grants the console page it is served
 * with. Not a cookie: the page lives in a cross-site iframe, where browsers that block third-party
 * cookies would drop one, so the page carries the token and sends it as `Authorization: Bearer`.
 * The token is the agent's claims sealed with the app's AES-256-GCM key (SecretBox, purpose
 * `agent-token`): nothing is stored server-side, it cannot be read or altered without the key, and
 * it expires on its own. Salesforce POSTs a fresh signed request every time the record page loads
 * the canvas app (and the Canvas SDK's refreshSignedRequest gives one to POST again), which renews it.
 */
export const AGENT_TOKEN_TTL_MS = 30 * 60 * 1000;
const PURPOSE = 'agent-token';
const SCHEME = /^Bearer\s+(\S+)$/i;

const agentClaimsSchema = z.object({
  userId: z.string(),
  orgId: z.string(),
  profileId: z.string().nullable(),
  email: z.string().nullable(),
  name: z.string().nullable(),
  /** The record the console was opened on (a Case Id), null in a location without a record. */
  recordId: z.string().nullable(),
  recordType: z.string().nullable(),
  expiresAt: z.number().int(),
});
export type AgentClaims = z.infer<typeof agentClaimsSchema>;

export class AgentTokens {
  constructor(
    private readonly box: SecretBox,
    private readonly ttlMs = AGENT_TOKEN_TTL_MS,
  ) {}

  /** The claims of a verified Canvas request, bound to its user, org and record. */
  claimsOf(request: CanvasRequest, now = Date.now()): AgentClaims {
    const { user, environment, organization } = request.context;
    return {
      userId: user.userId,
      orgId: organization.organizationId,
      profileId: user.profileId ?? null,
      email: user.email ?? null,
      name: user.fullName ?? null,
      recordId: environment.record?.Id ?? null,
      recordType: environment.record?.attributes?.type ?? null,
      expiresAt: now + this.ttlMs,
    };
  }

  issue(claims: AgentClaims): string {
    return Buffer.from(this.box.seal(JSON.stringify(claims), PURPOSE), 'utf8').toString('base64url');
  }

  /** The token's claims, or undefined when it is not ours, was altered, or has expired. */
  read(token: string, now = Date.now()): AgentClaims | undefined {
    let json: unknown;
    try {
      json = JSON.parse(this.box.open(Buffer.from(token, 'base64url').toString('utf8'), PURPOSE));
    } catch {
      return undefined;
    }
    const parsed = agentClaimsSchema.safeParse(json);
    return parsed.success && parsed.data.expiresAt > now ? parsed.data : undefined;
  }
}

export const sameSalesforceId = (a: string, b: string): boolean => a.slice(0, 15) === b.slice(0, 15);

/**
 * The orgs whose agents may use the console. Fail closed: the orgs the admin listed, or, when
 * none is listed, only the org this connector is connected to (`connectedOrgId`; none when
 * Salesforce is not set up). A consumer secret alone never opens the console to any org: a
 * connected app can be installed in other orgs, and a leaked secret signs for any org id.
 */
export function allowedOrgIds(settings: Pick<CanvasSettings, 'allowedOrgIds'>, connectedOrgId: string | undefined): string[] {
  if (settings.allowedOrgIds.length > 0) return settings.allowedOrgIds;
  return connectedOrgId ? [connectedOrgId] : [];
}

/** Whether the admin's Canvas settings let this Salesforce org and profile use the console (profiles: none listed, every one). */
export function agentAllowed(
  settings: Pick<CanvasSettings, 'allowedOrgIds' | 'allowedProfileIds'>,
  claims: Pick<AgentClaims, 'orgId' | 'profileId'>,
  connectedOrgId: string | undefined,
): boolean {
  const orgOk = allowedOrgIds(settings, connectedOrgId).some((id) => sameSalesforceId(id, claims.orgId));
  const profileOk =
    settings.allowedProfileIds.length === 0 ||
    (claims.profileId !== null && settings.allowedProfileIds.some((id) => sameSalesforceId(id, claims.profileId ?? '')));
  return orgOk && profileOk;
}

/** What decides an agent's access: the Canvas settings and, when they list no org, the connected org's id. */
export interface AgentAccessSource {
  canvasSettings(): Promise<CanvasSettings>;
  /** The id of the org this connector is connected to; undefined when Salesforce is not set up; rejects when it cannot be reached. */
  connectedOrgId(): Promise<string | undefined>;
}

/** The connected org's id, asked only when the settings list no org (it may cost a Salesforce sign-in). */
export async function connectedOrgIdFor(
  settings: Pick<CanvasSettings, 'allowedOrgIds'>,
  source: Pick<AgentAccessSource, 'connectedOrgId'>,
): Promise<string | undefined> {
  return settings.allowedOrgIds.length > 0 ? undefined : source.connectedOrgId();
}

/**
 * Every agent API route goes through this: a valid, unexpired agent token as a Bearer (401
 * otherwise; an admin session cookie is not one), from an org and a profile the Canvas settings
 * still allow (403 otherwise: the admin may have narrowed them, or connected another org, since
 * the token was issued).
 */
export function requireAgent(tokens: AgentTokens, access: AgentAccessSource) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const token = SCHEME.exec(req.header('authorization') ?? '')?.[1];
    const claims = token ? tokens.read(token) : undefined;
    if (!claims) throw new AppError('unauthenticated', 'Open the PagerDuty console from Salesforce again: its access has expired or is missing.');
    const settings = await access.canvasSettings();
    let connectedOrgId: string | undefined;
    try {
      connectedOrgId = await connectedOrgIdFor(settings, access);
    } catch {
      throw new AppError('upstream_failed', 'Salesforce could not be reached to confirm your org: try again in a moment.');
    }
    if (!agentAllowed(settings, claims, connectedOrgId)) {
      throw new AppError('forbidden', 'Your Salesforce org or profile may not use the PagerDuty console: ask your PagerDuty integration admin.');
    }
    res.locals.agent = claims;
    next();
  };
}

/** The verified agent of a request that passed `requireAgent`. */
export function agentOf(res: Response): AgentClaims {
  const claims = res.locals.agent as AgentClaims | undefined;
  if (!claims) throw new Error('agentOf() called on a route that is not behind requireAgent');
  return claims;
}
