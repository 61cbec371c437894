/**
 * Salesforce record Ids.
 *
 * A 15-character Id is case-sensitive: a 3-character key prefix naming the object (Case 500,
 * User 005…), then pod and counter characters in base 62. The 18-character form appends a
 * 3-character suffix so that the Id survives case-insensitive systems: split the 15 characters
 * into three chunks of five; for each chunk build a 5-bit number whose bit i is set when the
 * chunk's i-th character is an uppercase letter A–Z; map each number (0–31) through
 * `ABCDEFGHIJKLMNOPQRSTUVWXYZ012345`. Example: `001A0000006Vm9r` → `001A0000006Vm9rIAC`.
 */

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ID_PATTERN = /^[a-zA-Z0-9]{15}(?:[A-Z0-5]{3})?$/;

/** The 3-character case-safe checksum of a 15-character Id. */
export function idChecksum(id15: string): string {
  if (!/^[a-zA-Z0-9]{15}$/.test(id15)) throw new Error(`Not a 15-character Salesforce Id: "${id15}"`);
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const char = id15.charAt(chunk * 5 + i);
      if (char >= 'A' && char <= 'Z') bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET.charAt(bits);
  }
  return suffix;
}

/** 15 → 18 characters; an 18-character Id is returned unchanged after checking its suffix. */
export function to18(id: string): string {
  if (id.length === 18) {
    if (!isValidId(id)) throw new Error(`Invalid Salesforce Id checksum: "${id}"`);
    return id;
  }
  return id + idChecksum(id);
}

/** Whether `id` is a well-formed 15-character Id or an 18-character Id with a correct suffix. */
export function isValidId(id: string): boolean {
  if (!ID_PATTERN.test(id)) return false;
  if (id.length === 15) return true;
  return idChecksum(id.slice(0, 15)) === id.slice(15);
}

/** Normalizes a 15- or 18-character Id to 18 characters; undefined when it is not an Id. */
export function normalizeId(id: string): string | undefined {
  if (!isValidId(id)) return undefined;
  return id.length === 15 ? id + idChecksum(id) : id;
}

/** The 15-character, case-sensitive core of an Id; two Ids are equal when their cores are. */
export function id15(id: string): string {
  return id.slice(0, 15);
}

function base62(value: number, width: number): string {
  let out = '';
  let rest = value;
  do {
    out = BASE62.charAt(rest % 62) + out;
    rest = Math.floor(rest / 62);
  } while (rest > 0);
  if (out.length > width) throw new Error(`Id counter overflow: ${value}`);
  return out.padStart(width, '0');
}

/**
 * Deterministic Id generator: `prefix + pod + counter`. The pod characters mimic a real
 * instance (`Dn`), and the counter restarts at each reset, so a seed always yields the same Ids.
 */
export class IdGenerator {
  #counters = new Map<string, number>();
  readonly #pod: string;

  constructor(pod = 'Dn0') {
    if (!/^[a-zA-Z0-9]{3}$/.test(pod)) throw new Error('The pod must be 3 alphanumeric characters');
    this.#pod = pod;
  }

  next(keyPrefix: string): string {
    if (!/^[a-zA-Z0-9]{3}$/.test(keyPrefix)) throw new Error(`Invalid key prefix "${keyPrefix}"`);
    const count = (this.#counters.get(keyPrefix) ?? 0) + 1;
    this.#counters.set(keyPrefix, count);
    return to18(`${keyPrefix}${this.#pod}${base62(count, 9)}`);
  }

  reset(): void {
    this.#counters.clear();
  }
}

/** The org's Id (key prefix `00D`), fixed for the emulated org. */
export const ORG_ID = to18('00DDn0000000001');
