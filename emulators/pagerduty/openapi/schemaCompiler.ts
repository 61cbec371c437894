/**
 * Lazily translated and compiled schemas of one (overlaid) document. The translation of the
 * whole document waits for the first validation; each body or parameter schema is compiled the
 * first time it is needed and then reused.
 */
import type Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { createAjv } from './ajvInstance';
import { translateDocument } from './dialect';
import type { Direction } from './dialect';
import type { OpenApiDocument } from './document';
import type { Operation, ResolvedParameter } from './operations';

const DOCUMENT_IDS: Record<Direction, string> = {
  request: 'pagerduty-openapi-request',
  response: 'pagerduty-openapi-response',
};

/**
 * OpenAPI 3.0, Parameter Object: header parameters named Accept, Content-Type or Authorization
 * "SHALL be ignored" (content negotiation and security schemes describe them instead).
 */
const IGNORED_HEADER_PARAMETERS = new Set(['accept', 'content-type', 'authorization']);

export class SchemaCompiler {
  private compilers: { bodies: Ajv; parameters: Ajv } | undefined;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(private readonly document: OpenApiDocument) {}

  /** The validator of the schema at `schemaPointer`, read as a message sent in `direction`. */
  schema(direction: Direction, schemaPointer: string): ValidateFunction {
    return this.cached(`${direction} ${schemaPointer}`, () => this.getCompilers().bodies.compile({ $ref: `${DOCUMENT_IDS[direction]}${schemaPointer}` }));
  }

  /**
   * The validator of an operation's parameters in one location, as an object keyed by name
   * (lower-cased for headers, which are case-insensitive). Values are coerced from strings.
   */
  parameters(operation: Operation, location: ResolvedParameter['location']): ValidateFunction {
    return this.cached(`parameters ${location} ${operation.method} ${operation.template}`, () => {
      const declared = operation.parameters.filter(
        (p) => p.location === location && !(location === 'header' && IGNORED_HEADER_PARAMETERS.has(p.name.toLowerCase())),
      );
      const nameOf = (p: ResolvedParameter): string => (location === 'header' ? p.name.toLowerCase() : p.name);
      return this.getCompilers().parameters.compile({
        type: 'object',
        properties: Object.fromEntries(
          declared.map((p) => [nameOf(p), p.schemaPointer === undefined ? {} : { $ref: `${DOCUMENT_IDS.request}${p.schemaPointer}` }]),
        ),
        required: declared.filter((p) => p.required).map(nameOf),
      });
    });
  }

  private cached(key: string, compile: () => ValidateFunction): ValidateFunction {
    let validate = this.cache.get(key);
    if (validate === undefined) {
      validate = compile();
      this.cache.set(key, validate);
    }
    return validate;
  }

  private getCompilers(): { bodies: Ajv; parameters: Ajv } {
    if (this.compilers !== undefined) return this.compilers;
    const request = translateDocument(this.document, 'request');
    const response = translateDocument(this.document, 'response');
    const bodies = createAjv();
    addDocument(bodies, request, DOCUMENT_IDS.request);
    addDocument(bodies, response, DOCUMENT_IDS.response);
    // Query, path and header values arrive as strings; ajv coerces them to the declared types.
    const parameters = createAjv({ coerceTypes: 'array' });
    addDocument(parameters, request, DOCUMENT_IDS.request);
    this.compilers = { bodies, parameters };
    return this.compilers;
  }
}

/**
 * ajv compiles a document's root before resolving `$ref`s into it, so the OpenAPI top-level keys
 * (`openapi`, `paths`, `components`, …) are declared as annotation keywords: strict mode stays on
 * for every schema inside.
 */
function addDocument(ajv: Ajv, translated: Record<string, unknown>, id: string): void {
  for (const key of Object.keys(translated)) {
    if (ajv.getKeyword(key) === false) ajv.addKeyword({ keyword: key, schemaType: ['object', 'array', 'string'] });
  }
  ajv.addSchema(translated, id);
}
