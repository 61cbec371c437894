import crypto from 'node:crypto';
import { z } from 'zod';

/** Where Salesforce may show a Canvas app; the emulator's console shows RecordPage apps on a Case. */
export const canvasLocations = ['RecordPage', 'UtilityBar', 'Visualforce', 'ChatterTab'] as const;

export const canvasAppSchema = z
  .object({
    name: z.string().min(1).max(80),
    canvasUrl: z.url(),
    consumerSecret: z.string().min(1).max(500),
    locations: z.array(z.enum(canvasLocations)).min(1),
  })
  .strict();
export type CanvasApp = z.infer<typeof canvasAppSchema>;

/** The connected apps with Canvas enabled, by name (registering a name again replaces it). */
export class CanvasApps {
  readonly #apps = new Map<string, CanvasApp>();

  register(app: CanvasApp): void {
    this.#apps.set(app.name, app);
  }

  list(): CanvasApp[] {
    return [...this.#apps.values()];
  }

  at(location: CanvasApp['locations'][number]): CanvasApp[] {
    return this.list().filter((app) => app.locations.includes(location));
  }
}

/** The OAuth client a Canvas app's tokens are issued to (each Canvas app is a connected app of its own). */
export const canvasClientId = (appName: string): string => `canvas:${appName}`;

/** The CanvasRequest fields the emulator fills (Canvas Developer Guide, "CanvasRequest"). */
export interface CanvasRequestInput {
  issuedAt: number;
  instanceUrl: string;
  targetOrigin: string;
  oauthToken: string;
  orgId: string;
  orgName: string;
  user: { userId: string; userName: string; email: string | null; fullName: string | null; profileId: string | null; roleId: string | null; locale: string };
  displayLocation: CanvasApp['locations'][number];
  record?: { Id: string; type: string };
}

export function canvasRequest(input: CanvasRequestInput) {
  return {
    algorithm: 'HMACSHA256',
    issuedAt: input.issuedAt,
    userId: input.user.userId,
    client: { oauthToken: input.oauthToken, instanceId: null, instanceUrl: input.instanceUrl, targetOrigin: input.targetOrigin, refreshToken: null },
    context: {
      user: { ...input.user, language: input.user.locale, timeZone: 'America/Los_Angeles', userType: 'STANDARD' },
      environment: {
        displayLocation: input.displayLocation,
        locationUrl: input.record ? `${input.targetOrigin}/lightning/r/${input.record.type}/${input.record.Id}/view` : input.targetOrigin,
        record: input.record ? { Id: input.record.Id, attributes: { type: input.record.type } } : null,
        parameters: {},
      },
      organization: { organizationId: input.orgId, name: input.orgName, currencyIsoCode: 'USD', multicurrencyEnabled: false },
    },
  };
}

/** Salesforce's signed request: Base64(HMAC-SHA256(consumer secret, Base64(JSON))) "." Base64(JSON). */
export function signedRequest(request: unknown, consumerSecret: string): string {
  const envelope = Buffer.from(JSON.stringify(request), 'utf8').toString('base64');
  return `${crypto.createHmac('sha256', consumerSecret).update(envelope).digest('base64')}.${envelope}`;
}
