/**
 * Untyped input (a parsed JSON document, a request body, a token's claims) is narrowed once where
 * it enters, with these, instead of being cast at every use.
 */

/** A JSON object (not null, not an array), its values still unknown. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `JSON.parse` typed as what it gives: unknown until narrowed. Throws on malformed JSON, as JSON.parse does. */
export function parseJson(text: string): unknown {
  return JSON.parse(text);
}
