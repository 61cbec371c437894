/**
 * Downloads the reference files from PagerDuty's public repositories at the pinned commits,
 * checks every sha256, and only then writes them into the reference folder: a mismatch (a moved
 * tag, a proxy's error page, a truncated download) leaves the folder as it was.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pinnedSources, RAW_GITHUB, rawUrl, type OracleSources, type PinnedFile } from './pinned';

export interface FetchOraclesOptions {
  /** The reference folder to fill (created if absent). */
  target: string;
  /** Defaults to https://raw.githubusercontent.com; tests point it at a local server. */
  baseUrl?: string;
  sources?: OracleSources;
}

const sha256 = (content: string | Buffer): string => createHash('sha256').update(content).digest('hex');

async function download(baseUrl: string, file: PinnedFile): Promise<Buffer> {
  const url = rawUrl(baseUrl, file);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status} ${response.statusText}`);
  const content = Buffer.from(await response.arrayBuffer());
  const actual = sha256(content);
  if (actual !== file.sha256) throw new Error(`${url} has sha256 ${actual}, expected ${file.sha256}: not the pinned file, nothing was written`);
  return content;
}

/**
 * The ```json examples of PagerDuty's webhook overview, keyed by the file each becomes: the
 * subscription create request, the full envelopes (named by their event type) and one `data`
 * object per resource type (named by the heading above it). The Markdown indents one example
 * differently from the rest, so each is re-printed with two-space indentation.
 */
export function extractWebhookExamples(markdown: string): Map<string, string> {
  const files = new Map<string, string>();
  let heading = '';
  const blocks = /^(#+) (.+)$|^```json\n([\s\S]*?)\n\s*```$/gm;
  for (const match of markdown.matchAll(blocks)) {
    if (match[2] !== undefined) {
      heading = match[2].trim();
      continue;
    }
    const parsed = JSON.parse(match[3] ?? '') as { event?: { event_type?: unknown }; webhook_subscription?: unknown };
    const text = JSON.stringify(parsed, null, 2);
    if (typeof parsed.event?.event_type === 'string') files.set(`webhook-v3-examples/${parsed.event.event_type}.json`, text);
    else if (parsed.webhook_subscription !== undefined) files.set('webhook-subscription-create-request.json', text);
    else if (/^[a-z_]+$/.test(heading)) files.set(`webhook-v3-examples/${heading}.json`, text);
  }
  return files;
}

/** Returns the files written, relative to the target. */
export async function fetchOracles(options: FetchOraclesOptions): Promise<string[]> {
  const baseUrl = options.baseUrl ?? RAW_GITHUB;
  const sources = options.sources ?? pinnedSources;
  const document = await download(baseUrl, sources.openApiDocument);
  const overview = await download(baseUrl, sources.webhookOverview);
  const extracted = extractWebhookExamples(overview.toString('utf8'));

  const contents = new Map<string, string | Buffer>([[sources.openApiDocument.file, document]]);
  for (const example of sources.webhookOverview.examples) {
    const text = extracted.get(example.file);
    if (text === undefined) throw new Error(`${sources.webhookOverview.path} has no example for ${example.file}: nothing was written`);
    const actual = sha256(text);
    if (actual !== example.sha256) throw new Error(`${example.file} extracted with sha256 ${actual}, expected ${example.sha256}: nothing was written`);
    contents.set(example.file, text);
  }

  for (const [file, content] of contents) {
    const destination = path.join(options.target, file);
    await mkdir(path.dirname(destination), { recursive: true });
    await writeFile(destination, content);
  }
  return [...contents.keys()];
}
