/** The ajv configuration shared by every compiled operation schema. */
import Ajv from 'ajv';
import type { Options } from 'ajv';
import addFormats from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats';

/**
 * Formats the PagerDuty document uses that JSON Schema does not define. They are annotations of
 * PagerDuty's own tooling (`tzinfo`/`activesupport-time-zone` name Rails/IANA zones, `TEXTAREA`
 * is a UI hint of workflow inputs), so they are known and accept any string: inventing a grammar
 * for them would reject what PagerDuty sends.
 */
const ANNOTATION_FORMATS = ['tzinfo', 'activesupport-time-zone', 'TEXTAREA'];

export function createAjv(options: Options = {}): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    // Union types come from `nullable`; the translation emits them on purpose.
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    validateSchema: false,
    ...options,
  });
  addFormats(ajv, ['date-time', 'date', 'email', 'uri', 'uri-reference', 'uuid', 'int32', 'int64', 'float', 'double', 'binary', 'password']);
  for (const format of ANNOTATION_FORMATS) ajv.addFormat(format, true);
  // PagerDuty's `url` (API `self`, web `html_url`, delivery URLs): an absolute URI.
  ajv.addFormat('url', { type: 'string', validate: (value: string) => isAbsoluteUrl(value) });
  // OpenAPI 3.0 defines no `time` format; PagerDuty uses it for a time of day whose "date portion
  // is ignored" (SupportHours, e.g. "09:00:00"), so the offset is optional (ajv-formats' iso-time).
  ajv.addFormat('time', fullFormats['iso-time']);
  // RFC 3339 partial-time, "HH:mm:ss" as the document's description of `start_time_of_day` says.
  ajv.addFormat('partial-time', /^(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?$/);
  return ajv;
}

function isAbsoluteUrl(value: string): boolean {
  try {
    return new URL(value).protocol.length > 1;
  } catch {
    return false;
  }
}
