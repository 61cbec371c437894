import fs from 'node:fs';
import path from 'node:path';
import type { CanvasLocation } from '../../../contracts/agent';

/** The built web pages of the Canvas locations (vite.config.ts lists them as entries). */
const WEB_ROOT = path.resolve(import.meta.dirname, '../../../dist/web');

export const AGENT_TOKEN_META = 'pdsc-agent-token';
export const AGENT_TOKEN_EXPIRES_META = 'pdsc-agent-token-expires';
export const CANVAS_SDK_META = 'pdsc-canvas-sdk';

/** Each location's page in the build (vite.config.ts): the agents' pages live under console/. */
const PAGES: Record<CanvasLocation, string> = { console: 'console/index.html', dashboard: 'console/dashboard/index.html' };

/** The built page of a location, or undefined when the web UI is not built. */
export function builtCanvasPage(location: CanvasLocation): string | undefined {
  const file = path.join(WEB_ROOT, PAGES[location]);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char);

/**
 * The built page with the agent token, its expiry and the org's Canvas SDK where its script reads
 * them (meta tags: no inline script, which the CSP forbids).
 */
export function withAgentToken(page: string, token: { token: string; expiresAt: number; sdkUrl: string | undefined }): string {
  const metas = [
    [AGENT_TOKEN_META, token.token],
    [AGENT_TOKEN_EXPIRES_META, String(token.expiresAt)],
    ...(token.sdkUrl ? [[CANVAS_SDK_META, token.sdkUrl]] : []),
  ].map(([name, content]) => `<meta name="${name}" content="${escapeHtml(content ?? '')}" />`);
  return page.replace('</head>', `${metas.join('\n')}\n</head>`);
}

/** What a refused Canvas request answers: a page a person reads inside the Salesforce frame, granting nothing. */
export function refusalPage(title: string, explanation: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8" /><title>${escapeHtml(title)}</title>
<style>body{font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;margin:1.5rem;color:#181818}h1{font-size:1.125rem;color:#ba0517}</style>
</head>
<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(explanation)}</p></main></body>
</html>`;
}
