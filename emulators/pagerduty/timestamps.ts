/**
 * PagerDuty's REST resources carry whole-second UTC timestamps (`2015-10-06T21:30:42Z`, no
 * milliseconds: see every `created_at` in the OpenAPI document's examples), so the emulator's do
 * too; a client that parses only that shape must work here. Webhook `occurred_at` is the exception:
 * PagerDuty sends it with milliseconds (`2020-10-02T18:45:22.169Z` in the v3 webhook examples).
 */
export function pagerDutyTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
