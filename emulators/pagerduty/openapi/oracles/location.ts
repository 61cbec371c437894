/**
 * Where PagerDuty's published reference files (the OpenAPI document and the v3 webhook examples)
 * are read from. PagerDuty publishes them without a licence, so they are never copied into this
 * repository: one setting, PAGERDUTY_ORACLES_DIR, names the folder; by default it is
 * ../shared/oracles/pagerduty/ beside the repository. `npm run oracles:fetch` fills it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ORACLES_DIR_VARIABLE = 'PAGERDUTY_ORACLES_DIR';

/** This file lives at <repo>/emulators/pagerduty/openapi/oracles/. */
const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url));
export const defaultOraclesDirectory = path.resolve(repositoryRoot, '../shared/oracles/pagerduty');

export const OPENAPI_DOCUMENT_FILE = 'openapiv3.json';
export const WEBHOOK_EXAMPLES_FOLDER = 'webhook-v3-examples';

type Environment = Record<string, string | undefined>;

/** The folder of the reference files; a relative PAGERDUTY_ORACLES_DIR is read from the working directory. */
export function oraclesDirectory(env: Environment = process.env): string {
  const configured = env[ORACLES_DIR_VARIABLE];
  return configured ? path.resolve(configured) : defaultOraclesDirectory;
}

export function openApiDocumentPath(env: Environment = process.env): string {
  return path.join(oraclesDirectory(env), OPENAPI_DOCUMENT_FILE);
}

export function webhookExamplesDirectory(env: Environment = process.env): string {
  return path.join(oraclesDirectory(env), WEBHOOK_EXAMPLES_FOLDER);
}

export const HOW_TO_GET_ORACLES = `run \`npm run oracles:fetch\` (downloads them from PagerDuty's public GitHub repositories) or set ${ORACLES_DIR_VARIABLE} to a folder holding them`;

/** One line saying which reference files are absent and how to get them; undefined when all are there. */
export function missingOracles(env: Environment = process.env): string | undefined {
  const absent = [openApiDocumentPath(env), webhookExamplesDirectory(env)].filter((file) => !existsSync(file));
  if (absent.length === 0) return undefined;
  return `PagerDuty's reference files are not at ${absent.join(' and ')}: ${HOW_TO_GET_ORACLES}`;
}
