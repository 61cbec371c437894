import { describe, expect, it } from 'vitest';
import { MAX_CUSTOM_HEADERS, parseCustomHeaders } from './customHeaders';

const problemsOf = (text: string) => {
  const parsed = parseCustomHeaders(text);
  return parsed.ok ? [] : parsed.problems.map((problem) => problem.message);
};

describe('parseCustomHeaders', () => {
  it('reads one Name: value per line, trimming around both and skipping blank lines', () => {
    expect(parseCustomHeaders('X-Gateway-Key: abc:def\r\n\n   \n  X-Tenant :  acme corp  \nX-Empty-Ok:0')).toEqual({
      ok: true,
      headers: [
        { name: 'X-Gateway-Key', value: 'abc:def' },
        { name: 'X-Tenant', value: 'acme corp' },
        { name: 'X-Empty-Ok', value: '0' },
      ],
    });
    expect(parseCustomHeaders('')).toEqual({ ok: true, headers: [] });
  });

  it('accepts every RFC 9110 token character in a name', () => {
    expect(parseCustomHeaders("x!#$%&'*+-.^_`|~09Az: v")).toMatchObject({ ok: true });
  });

  it('names the line of each problem, counting blank lines as the text box does', () => {
    expect(problemsOf('X-Ok: 1\n\nno colon here\n: value\nBad Name: 1\nX-Ünicode: 1')).toEqual([
      'Line 3: no colon; write each header as Name: value, one per line.',
      'Line 4: no header name before the colon; write Name: value.',
      'Line 5: "Bad Name" is not a valid header name; use letters, digits and - (no spaces), e.g. X-Api-Gateway-Key.',
      'Line 6: "X-Ünicode" is not a valid header name; use letters, digits and - (no spaces), e.g. X-Api-Gateway-Key.',
    ]);
  });

  it('refuses hop-by-hop and framing headers, whatever their case', () => {
    for (const name of [
      'Connection',
      'keep-alive',
      'Proxy-Authorization',
      'PROXY-CONNECTION',
      'TE',
      'Trailer',
      'Transfer-Encoding',
      'Upgrade',
      'Host',
      'Content-Length',
    ]) {
      expect(problemsOf(`${name}: x`), name).toEqual([
        `Line 1: ${name} is a hop-by-hop header that proxies consume and the HTTP client sets itself; remove this line.`,
      ]);
    }
  });

  it('refuses the headers the app sets, saying where their value comes from', () => {
    expect(problemsOf('authorization: Token token=abc')).toEqual([
      'Line 1: authorization is set by the app (the app sends the REST API key in it: enter the key in "REST API key"); remove this line.',
    ]);
    expect(problemsOf('From: a@b.c')[0]).toContain('enter the email in "Integration user email"');
    expect(problemsOf('Accept: text/plain')[0]).toContain('set by the app');
    expect(problemsOf('Content-Type: text/plain')[0]).toContain('set by the app');
  });

  it('refuses an empty value, a control character, a duplicate name and never repeats a value', () => {
    const secret = 'sekret-token-value';
    const problems = problemsOf(`X-A:\nX-B: a\u0007${secret}\nX-C: 1\nx-c: ${secret}`);
    expect(problems).toEqual([
      'Line 1: X-A has no value; write it after the colon or remove the line.',
      'Line 2: the value of X-B contains a control character; remove it.',
      'Line 4: x-c is already given on line 3; keep one of them.',
    ]);
    expect(problems.join(' ')).not.toContain(secret);
  });

  it(`allows at most ${MAX_CUSTOM_HEADERS} headers`, () => {
    const lines = (count: number) => Array.from({ length: count }, (_, index) => `X-H${index}: ${index}`).join('\n');
    expect(parseCustomHeaders(lines(MAX_CUSTOM_HEADERS))).toMatchObject({ ok: true });
    expect(problemsOf(lines(MAX_CUSTOM_HEADERS + 2))).toEqual([`At most ${MAX_CUSTOM_HEADERS} custom headers; remove 2.`]);
  });
});
