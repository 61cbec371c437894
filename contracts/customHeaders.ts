/**
 * Custom headers sent on every PagerDuty REST call (CONNECTIONS › PagerDuty: one `Name: value`
 * per line), for what sits between the app and PagerDuty: an API gateway's key, a tenant or
 * tracing header. Parsed here, in contracts/, so the server's validation and the web form agree.
 *
 * Refused: a line without a colon, a name that is not an RFC 9110 token, a name given twice,
 * hop-by-hop and framing headers (a proxy strips them, or they would corrupt the request) and the
 * headers the app sets itself. Messages name the line and the header, never the value: values
 * may be tokens.
 */

export interface CustomHeader {
  name: string;
  value: string;
}

export interface CustomHeaderProblem {
  /** 1-based, counting blank lines, so it matches the line in the text box. */
  line: number;
  message: string;
}

export type CustomHeadersParse = { ok: true; headers: CustomHeader[] } | { ok: false; problems: CustomHeaderProblem[] };

export const MAX_CUSTOM_HEADERS = 20;
export const MAX_CUSTOM_HEADER_VALUE_LENGTH = 4_096;

/** RFC 9110 §5.6.2 token: the characters a field name may use. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** RFC 9110 §5.5 field-value characters: visible ASCII, space, tab and obs-text (no controls). */
const FIELD_VALUE = /^[\t\x20-\x7E\x80-\xFF]*$/;

/** Connection-level headers (RFC 9110 §7.6.1) and message framing: never forwarded, never ours to set. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host', 'content-length']);

/** Headers the app sets on every call, and where the admin sets their value instead. */
const SET_BY_APP: Readonly<Record<string, string>> = {
  authorization: 'the app sends the REST API key in it: enter the key in "REST API key"',
  from: 'the app sends the integration user in it: enter the email in "Integration user email"',
  accept: 'the app asks for PagerDuty API version 2 with it',
  'content-type': 'the app sends JSON bodies and says so in it',
};

/** Parses the text box: blank lines are skipped, whitespace around names and values is trimmed. */
export function parseCustomHeaders(text: string): CustomHeadersParse {
  const headers: CustomHeader[] = [];
  const problems: CustomHeaderProblem[] = [];
  const firstLineOf = new Map<string, number>();
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const problem = (message: string) => problems.push({ line, message: `Line ${line}: ${message}` });
    const colon = raw.indexOf(':');
    if (colon === -1) return problem('no colon; write each header as Name: value, one per line.');
    const name = raw.slice(0, colon).trim();
    const value = raw.slice(colon + 1).trim();
    if (name === '') return problem('no header name before the colon; write Name: value.');
    if (!TOKEN.test(name)) {
      return problem(`"${name}" is not a valid header name; use letters, digits and - (no spaces), e.g. X-Api-Gateway-Key.`);
    }
    const lower = name.toLowerCase();
    if (HOP_BY_HOP.has(lower) || lower.startsWith('proxy-')) {
      return problem(`${name} is a hop-by-hop header that proxies consume and the HTTP client sets itself; remove this line.`);
    }
    const setByApp = SET_BY_APP[lower];
    if (setByApp) return problem(`${name} is set by the app (${setByApp}); remove this line.`);
    if (value === '') return problem(`${name} has no value; write it after the colon or remove the line.`);
    if (value.length > MAX_CUSTOM_HEADER_VALUE_LENGTH) return problem(`the value of ${name} is longer than ${MAX_CUSTOM_HEADER_VALUE_LENGTH} characters.`);
    if (!FIELD_VALUE.test(value)) return problem(`the value of ${name} contains a control character; remove it.`);
    const earlier = firstLineOf.get(lower);
    if (earlier !== undefined) return problem(`${name} is already given on line ${earlier}; keep one of them.`);
    firstLineOf.set(lower, line);
    headers.push({ name, value });
  });
  if (problems.length === 0 && headers.length > MAX_CUSTOM_HEADERS) {
    return { ok: false, problems: [{ line: 0, message: `At most ${MAX_CUSTOM_HEADERS} custom headers; remove ${headers.length - MAX_CUSTOM_HEADERS}.` }] };
  }
  return problems.length ? { ok: false, problems } : { ok: true, headers };
}
