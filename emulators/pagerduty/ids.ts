const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * Deterministic PagerDuty-looking Ids (`P` + 6 characters, log entries `Q` + 13): the demo seed
 * must give the same Ids on every reset, so they come from a counter scrambled by a fixed
 * multiplier rather than from randomness.
 */
export class IdGenerator {
  #counter: number;

  constructor(start = 1) {
    this.#counter = start;
  }

  next(prefix = 'P', length = 6): string {
    let value = (this.#counter++ * 2_654_435_761) % 2 ** 31;
    let out = '';
    for (let i = 0; i < length; i += 1) {
      out += ALPHABET.charAt(value % ALPHABET.length);
      value = Math.floor(value / ALPHABET.length) + (i + 1) * 7_919;
    }
    return prefix + out;
  }
}
