/**
 * The Content-Security-Policy of a Canvas page: the app's own policy (as helmet sets it in
 * server/app.ts) with `frame-ancestors` naming the Salesforce origins that may embed it instead
 * of helmet's 'self', so no other site can frame an agent's console.
 */
export function canvasPageCsp(frameAncestors: readonly string[]): string {
  return [
    "default-src 'self'",
    "base-uri 'self'",
    "font-src 'self' data:",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors.length ? frameAncestors.join(' ') : "'none'"}`,
    "img-src 'self' data:",
    "object-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "connect-src 'self'",
  ].join('; ');
}

/**
 * A plain origin, fit to stand in a CSP source list: no wildcard, no `;` or `,` that would end the
 * directive, https, or http on this machine only (the emulator's org in the demo and the tests).
 */
const FRAMING_ORIGIN = /^(https:\/\/[A-Za-z0-9.-]+|http:\/\/(localhost|127\.0\.0\.1|\[::1\]))(:\d{1,5})?$/;

/** The origins of the verified request's instance and target, and the ones the admin listed. */
export function canvasFrameAncestors(client: { instanceUrl: string; targetOrigin?: string | null | undefined }, configured: readonly string[]): string[] {
  const origins = [client.instanceUrl, client.targetOrigin].flatMap((url) => {
    if (!url) return [];
    try {
      const { origin } = new URL(url);
      return FRAMING_ORIGIN.test(origin) ? [origin] : [];
    } catch {
      return [];
    }
  });
  return [...new Set([...origins, ...configured])];
}
