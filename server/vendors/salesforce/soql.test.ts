import { parseQuery } from '@jetstreamapp/soql-parser-js';
import { describe, expect, it } from 'vitest';
import { decodeString } from '../../../emulators/salesforce/soql/literals';
import { soqlString } from './soql';

describe('soqlString', () => {
  it('quotes a plain value as it is', () => {
    expect(soqlString('00001001')).toBe("'00001001'");
    expect(soqlString('')).toBe("''");
    expect(soqlString('https://acme.pagerduty.com/incidents/Q1?x=50%_')).toBe("'https://acme.pagerduty.com/incidents/Q1?x=50%_'");
  });

  it('escapes every sequence Salesforce documents: backslash, quotes, newline, return, tab, backspace, form feed', () => {
    expect(soqlString('\\')).toBe("'\\\\'");
    expect(soqlString("O'Brien")).toBe("'O\\'Brien'");
    expect(soqlString('say "hi"')).toBe('\'say \\"hi\\"\'');
    expect(soqlString('a\nb\rc\td\be\ff')).toBe("'a\\nb\\rc\\td\\be\\ff'");
    // The backslash is escaped first-class, not twice: `\'` in the input stays two characters of data.
    expect(soqlString("\\'")).toBe("'\\\\\\''");
  });

  it('keeps an injection attempt inside the literal: the parser sees one condition on one value', () => {
    for (const value of ["x' OR Id != '", "x\\' OR Id != '", 'line one\nline two\r\n\ttabbed', 'it\'s \\ "quoted" \b \f', '\u200b trailing marker']) {
      const soql = `SELECT Id FROM Case WHERE Subject = ${soqlString(value)}`;
      const where = parseQuery(soql).where;
      // One condition: no AND / OR / NOT after it.
      expect(where && !('right' in where), value).toBe(true);
      expect(where?.left).toMatchObject({ field: 'Subject', operator: '=', literalType: 'STRING' });
      const raw = (where?.left as { value: string }).value;
      // Read back as the Salesforce emulator decodes literals: the very value we started from.
      expect(decodeString(soql, raw), value).toBe(value);
    }
  });
});
