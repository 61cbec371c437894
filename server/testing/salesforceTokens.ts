/**
 * A real access token for a user of the Salesforce emulator's org, issued through its control API
 * without a login round trip: what a Canvas signed request carries as `client.oauthToken`, which the
 * app proves live at the org's userinfo before it trusts the request.
 */
export async function emulatorAccessToken(salesforceUrl: string, username: string): Promise<string> {
  const reply = await fetch(`${salesforceUrl}/__emulator/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: username }),
  });
  if (!reply.ok) throw new Error(`The emulator issued no token: ${reply.status} ${await reply.text()}`);
  return ((await reply.json()) as { accessToken: string }).accessToken;
}
