import { missingOracles } from '../openapi/oracles/location';

/**
 * Whether the suites that read PagerDuty's reference files (the OpenAPI document, the webhook
 * examples) can run. Where they are absent, one line says how to get them and the caller skips;
 * under CI (CI=true, as .ci/run sets) their absence fails the run instead, so CI never passes
 * by skipping.
 */
export function oraclesPresent(what: string): boolean {
  const missing = missingOracles();
  if (missing === undefined) return true;
  if (process.env.CI === 'true') throw new Error(`CI=true requires PagerDuty's reference files for ${what}. ${missing}`);
  process.stderr.write(`Skipping ${what}: ${missing}\n`);
  return false;
}
