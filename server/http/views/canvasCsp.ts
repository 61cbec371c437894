/**
 * The Content-Security-Policy of a Canvas page: the app's own policy (as helmet sets it in
 * server/app.ts) with `frame-ancestors` naming the Salesforce origins that may embed it instead
 * of helmet's 'self', so no other site can frame an agent's console.
 */
export function canvasPageCsp(frameAncestors: readonly string[], scriptOrigins: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "base-uri 'self'",
    "font-src 'self' data:",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors.length ? frameAncestors.join(' ') : "'none'"}`,
    "img-src 'self' data:",
    "object-src 'none'",
    `script-src 'self'${scriptOrigins.map((origin) => ` ${origin}`).join('')}`,
    "style-src 'self' 'unsafe-inline'",
    "connect-src 'self'",
  ].join('; ');
}

/**
 * A plain origin, fit to stand in a CSP source list: no wildcard, no `;` or `,` that would end the
 * directive, https, or http on this machine only (the emulator's org in the demo and the tests).
 */
const FRAMING_ORIGIN = /^(https:\/\/[A-Za-z0-9.-]+|http:\/\/(localhost|127\.0\.0\.1|\[::1\]))(:\d{1,5})?$/;

/** The origin of a URL when it is fit for a CSP source list, else undefined. */
function framingOrigin(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const { origin } = new URL(url);
    return FRAMING_ORIGIN.test(origin) ? origin : undefined;
  } catch {
    return undefined;
  }
}

/** The version of the Canvas SDK the pages load (any current API version serves the same client). */
export const CANVAS_SDK_VERSION = '62.0';

/**
 * The Canvas SDK of the org that framed the page: Salesforce serves `canvas-all.js` under the
 * instance URL, and the page loads it to renew its token (Sfdc.canvas.client.refreshSignedRequest).
 * Undefined when the instance URL is not a plain origin; the page then renews by reloading.
 */
export function canvasSdk(client: { instanceUrl: string }): { url: string; origin: string } | undefined {
  const origin = framingOrigin(client.instanceUrl);
  return origin ? { url: `${origin}/canvas/sdk/js/${CANVAS_SDK_VERSION}/canvas-all.js`, origin } : undefined;
}

/** The origins of the verified request's instance and target, and the ones the admin listed. */
export function canvasFrameAncestors(client: { instanceUrl: string; targetOrigin?: string | null | undefined }, configured: readonly string[]): string[] {
  const origins = [client.instanceUrl, client.targetOrigin].flatMap((url) => framingOrigin(url) ?? []);
  return [...new Set([...origins, ...configured])];
}
