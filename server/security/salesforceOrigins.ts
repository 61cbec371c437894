/**
 * Which hosts may stand as a Canvas request's `client.instanceUrl`: the app sends the request's
 * OAuth token there (to prove it live), so only Salesforce itself or the org this connector is
 * connected to qualifies, never a host a signed-request holder chose.
 */

/** Salesforce's own domains (My Domain, Lightning, Visualforce and Setup hosts, sandboxes and scratch orgs live under them). */
const SALESFORCE_DOMAINS = ['salesforce.com', 'force.com', 'salesforce-setup.com'] as const;

/** An https origin on one of Salesforce's domains (default port), e.g. https://acme.my.salesforce.com. */
export function isSalesforceOrigin(url: string): boolean {
  const parsed = parse(url);
  if (!parsed || parsed.protocol !== 'https:' || parsed.port !== '' || parsed.username || parsed.password) return false;
  const host = parsed.hostname.toLowerCase();
  return SALESFORCE_DOMAINS.some((domain) => host.endsWith(`.${domain}`));
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Whether two URLs name one instance: same scheme, host and port, where the loopback names of
 * this machine count as one (the emulator's org is reached as localhost by a browser and as
 * 127.0.0.1 by the app).
 */
export function sameInstance(a: string, b: string): boolean {
  const left = parse(a);
  const right = parse(b);
  if (!left || !right) return false;
  const host = (url: URL) => (LOOPBACK.has(url.hostname) ? 'loopback' : url.hostname.toLowerCase());
  return left.protocol === right.protocol && left.port === right.port && host(left) === host(right);
}

function parse(url: string): URL | undefined {
  return URL.canParse(url) ? new URL(url) : undefined;
}
