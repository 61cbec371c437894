/**
 * Translation of OpenAPI 3.0 Schema Objects into the JSON Schema (draft-07) that ajv compiles.
 *
 * OpenAPI 3.0 schemas are a dialect of JSON Schema: `nullable` instead of a `null` type,
 * draft-04 style boolean `exclusiveMinimum`, `readOnly`/`writeOnly` that change what `required`
 * means depending on the direction of the message, and annotations (`example`, `discriminator`,
 * `xml`, `x-…`) that ajv's strict mode would reject as unknown keywords. The whole document is
 * translated once per direction so `$ref`s into any part of it (`#/components/schemas/…`,
 * `#/components/responses/…/schema`) keep resolving.
 */
import type { OpenApiDocument, SchemaObject } from './document';
import { getAtPointer } from './jsonPointer';

export type Direction = 'request' | 'response';

/** Keywords that carry validation meaning in both OpenAPI 3.0 and draft-07. */
const VALIDATION_KEYWORDS = new Set([
  'type',
  'enum',
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'required',
]);

/** Keys of non-schema objects whose values are sample data, not structure. */
const DATA_KEYS = new Set(['example', 'examples']);

export function translateDocument(document: OpenApiDocument, direction: Direction): Record<string, unknown> {
  const resolve = (ref: string): unknown => getAtPointer(document, ref);
  const translateSchema = (schema: unknown): unknown => translateSchemaObject(schema, direction, resolve);

  const walk = (node: unknown, parentKey: string | undefined): unknown => {
    if (Array.isArray(node)) return node.map((item) => walk(item, undefined));
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (DATA_KEYS.has(key) || key.startsWith('x-')) continue;
      if (key === 'schema') out[key] = translateSchema(value);
      else if (parentKey === 'components' && key === 'schemas') {
        out[key] = Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([name, schema]) => [name, translateSchema(schema)]));
      } else out[key] = walk(value, key);
    }
    return out;
  };
  return walk(document, undefined) as Record<string, unknown>;
}

function translateSchemaObject(schema: unknown, direction: Direction, resolve: (ref: string) => unknown): unknown {
  if (typeof schema === 'boolean') return schema;
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) {
    throw new Error(`Expected a schema object, got ${JSON.stringify(schema)}`);
  }
  const source = schema as SchemaObject;
  const recurse = (sub: unknown): unknown => translateSchemaObject(sub, direction, resolve);

  // In OpenAPI 3.0 a Reference Object's siblings are ignored.
  if (typeof source.$ref === 'string') return { $ref: source.$ref };

  const out: SchemaObject = {};
  for (const [key, value] of Object.entries(source)) {
    if (VALIDATION_KEYWORDS.has(key)) out[key] = value;
  }
  if (source.readOnly === true) out.readOnly = true;
  if (source.writeOnly === true) out.writeOnly = true;

  if (isPlainObject(source.properties)) {
    out.properties = Object.fromEntries(Object.entries(source.properties).map(([name, sub]) => [name, recurse(sub)]));
  }
  if (source.items !== undefined) out.items = recurse(source.items);
  if (source.additionalProperties !== undefined) {
    out.additionalProperties = typeof source.additionalProperties === 'boolean' ? source.additionalProperties : recurse(source.additionalProperties);
  }
  for (const combinator of ['allOf', 'anyOf', 'oneOf'] as const) {
    const members = source[combinator];
    if (Array.isArray(members)) out[combinator] = members.map(recurse);
  }
  if (source.not !== undefined) out.not = recurse(source.not);

  // Draft-04 style booleans, as OpenAPI 3.0 defines them.
  if (source.exclusiveMinimum === true && typeof source.minimum === 'number') {
    out.exclusiveMinimum = source.minimum;
    delete out.minimum;
  }
  if (source.exclusiveMaximum === true && typeof source.maximum === 'number') {
    out.exclusiveMaximum = source.maximum;
    delete out.maximum;
  }

  if (Array.isArray(out.required)) {
    out.required = requiredForDirection(out.required as string[], source, direction, resolve);
  }
  return source.nullable === true ? allowNull(out) : out;
}

/**
 * OpenAPI 3.0: a readOnly property "in the required list … will take effect on the response
 * only", and a writeOnly one on the request only. Only the schema's own `properties` are
 * consulted: a `required` beside an `allOf` member (PagerDuty's `Reference` requires the
 * readOnly `id` of `Tag`) states what a request must send.
 */
function requiredForDirection(required: string[], source: SchemaObject, direction: Direction, resolve: (ref: string) => unknown): string[] {
  const properties = isPlainObject(source.properties) ? source.properties : {};
  const hiddenFlag = direction === 'request' ? 'readOnly' : 'writeOnly';
  return required.filter((name) => {
    const property = properties[name];
    return property === undefined || !hasFlag(property, hiddenFlag, resolve);
  });
}

function hasFlag(schema: unknown, flag: 'readOnly' | 'writeOnly', resolve: (ref: string) => unknown): boolean {
  let current = schema;
  for (let hops = 0; hops < 32 && isPlainObject(current); hops += 1) {
    if (current[flag] === true) return true;
    if (typeof current.$ref !== 'string') return false;
    current = resolve(current.$ref);
  }
  return false;
}

/**
 * `nullable: true` adds null to what the schema accepts. With a `type`, null joins the type
 * (and the enum, which would otherwise still reject it). Without one (`nullable` beside an
 * `allOf`/`oneOf`), the document declares OpenAPI 3.0.2, whose text reads "Allows sending a null
 * value for the defined schema" with no condition on `type`, so null is accepted beside the schema.
 */
function allowNull(schema: SchemaObject): SchemaObject {
  if (typeof schema.type === 'string') {
    const nullable: SchemaObject = { ...schema, type: [schema.type, 'null'] };
    const values: readonly unknown[] | undefined = Array.isArray(schema.enum) ? schema.enum : undefined;
    if (values && !values.includes(null)) nullable.enum = [...values, null];
    return nullable;
  }
  return { anyOf: [{ type: 'null' }, schema] };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
