/** RFC 6901 JSON Pointers, used to address schemas and examples inside the OpenAPI document. */

export function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapePointerToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Splits `#/a/b~1c` or `/a/b~1c` into `['a', 'b/c']`. */
export function parsePointer(pointer: string): string[] {
  const bare = pointer.startsWith('#') ? pointer.slice(1) : pointer;
  if (bare === '') return [];
  if (!bare.startsWith('/')) throw new Error(`"${pointer}" is not a JSON pointer (it must start with "/" or "#/")`);
  return bare
    .slice(1)
    .split('/')
    .map((token) => unescapePointerToken(decodeURIComponent(token)));
}

export function joinPointer(tokens: readonly string[]): string {
  return tokens.map((token) => `/${escapePointerToken(token)}`).join('');
}

/** The value at `pointer`, or undefined when any step is missing. */
export function getAtPointer(root: unknown, pointer: string): unknown {
  let node: unknown = root;
  for (const token of parsePointer(pointer)) {
    if (Array.isArray(node)) node = node[Number(token)];
    else if (node !== null && typeof node === 'object') node = (node as Record<string, unknown>)[token];
    else return undefined;
    if (node === undefined) return undefined;
  }
  return node;
}
