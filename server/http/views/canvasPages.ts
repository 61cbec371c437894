import fs from 'node:fs';
import path from 'node:path';
import type { CanvasLocation } from '../../../contracts/agent';

/** The built web pages of the Canvas locations (vite.config.ts lists them as entries). */
const WEB_ROOT = path.resolve(import.meta.dirname, '../../../dist/web');

export const AGENT_TOKEN_META = 'pdsc-agent-token';

/** The built page of a location, or undefined when the web UI is not built. */
export function builtCanvasPage(location: CanvasLocation): string | undefined {
  const file = path.join(WEB_ROOT, location, 'index.html');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char);

/** The built page with the agent token where its script reads it (a meta tag: no inline script, which the CSP forbids). */
export function withAgentToken(page: string, token: string): string {
  return page.replace('</head>', `<meta name="${AGENT_TOKEN_META}" content="${escapeHtml(token)}" />\n</head>`);
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
