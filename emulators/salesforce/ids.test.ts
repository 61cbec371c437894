import { describe, expect, it } from 'vitest';
import { IdGenerator, idChecksum, isValidId, normalizeId, ORG_ID, to18 } from './ids';

describe('Salesforce Ids', () => {
  it('converts known real 15-character Ids to their 18-character form', () => {
    // Pairs published in Salesforce's own documentation and knowledge articles.
    expect(to18('001A0000006Vm9r')).toBe('001A0000006Vm9rIAC');
    expect(to18('00D000000000062')).toBe('00D000000000062EAA');
    expect(to18('a0B5000000QZaQx')).toBe('a0B5000000QZaQxEAL');
  });

  it('derives the suffix bit by bit: uppercase positions per 5-character chunk', () => {
    // Chunk "AAAAA" sets all five bits → 31 → "5"; lowercase/digits set none → "A".
    expect(idChecksum('AAAAAaaaaa00000')).toBe('5AA');
    expect(idChecksum('aaaaaAaaaa0000Z')).toBe('ABQ'); // bit0 → B; bit4 → 16 → Q
  });

  it('validates 18-character suffixes and rejects malformed Ids', () => {
    expect(isValidId('001A0000006Vm9rIAC')).toBe(true);
    expect(isValidId('001A0000006Vm9rAAA')).toBe(false);
    expect(isValidId('001A0000006Vm9r')).toBe(true);
    expect(isValidId('not-an-id')).toBe(false);
    expect(normalizeId('001A0000006Vm9r')).toBe('001A0000006Vm9rIAC');
    expect(normalizeId('bad')).toBeUndefined();
  });

  it('generates deterministic, valid Ids per key prefix', () => {
    const generator = new IdGenerator();
    const first = generator.next('500');
    const second = generator.next('500');
    expect(first).toMatch(/^500/);
    expect(first).toHaveLength(18);
    expect(isValidId(first)).toBe(true);
    expect(second).not.toBe(first);
    generator.reset();
    expect(generator.next('500')).toBe(first);
    expect(ORG_ID.startsWith('00D')).toBe(true);
    expect(isValidId(ORG_ID)).toBe(true);
  });
});
