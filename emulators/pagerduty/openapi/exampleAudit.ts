/**
 * Validates the document's own examples against its own schemas: every `example` and
 * `examples.*.value` of a JSON response or request body, and every top-level `example` of a
 * named schema. A failure is either a document defect (corrected in overlay.ts) or an example
 * defect (listed in README.md); the audit test keeps that list exact.
 *
 * Run it to see the current failures: `npx tsx emulators/pagerduty/openapi/exampleAudit.ts [--official]`
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Direction } from './dialect';
import { loadOpenApiDocument } from './document';
import type { MediaTypeObject, OpenApiDocument } from './document';
import { describeAjvErrors } from './errors';
import { escapePointerToken, getAtPointer } from './jsonPointer';
import { indexOperations, isJsonMediaType } from './operations';
import { applyOverlay, overlayCorrections } from './overlay';
import type { OverlayCorrection } from './overlay';
import { SchemaCompiler } from './schemaCompiler';

export interface ExampleFailure {
  /** Pointer of the example value in the document. */
  example: string;
  /** Pointer of the schema it was checked against. */
  schema: string;
  direction: Direction;
  errors: string[];
}

interface ExampleCase {
  example: string;
  value: unknown;
  schema: string;
  direction: Direction;
}

export function auditDocumentExamples(document: OpenApiDocument): ExampleFailure[] {
  const compiler = new SchemaCompiler(document);
  const failures: ExampleFailure[] = [];
  for (const example of collectExamples(document)) {
    const validate = compiler.schema(example.direction, example.schema);
    if (!validate(example.value)) {
      failures.push({
        example: example.example,
        schema: example.schema,
        direction: example.direction,
        errors: describeAjvErrors('example', validate.errors),
      });
    }
  }
  return failures;
}

/** Loads the document, applies `corrections` (the project's overlay by default) and audits it. */
export function auditExamples(options: { documentPath?: string; corrections?: readonly OverlayCorrection[] } = {}): ExampleFailure[] {
  const document = applyOverlay(loadOpenApiDocument(options.documentPath), options.corrections ?? overlayCorrections);
  return auditDocumentExamples(document);
}

function collectExamples(document: OpenApiDocument): ExampleCase[] {
  const cases = new Map<string, ExampleCase>();
  const addMediaType = (mediaTypePointer: string, direction: Direction): void => {
    const mediaType = getAtPointer(document, mediaTypePointer) as MediaTypeObject | undefined;
    if (mediaType?.schema === undefined) return;
    const schema = `${mediaTypePointer}/schema`;
    if (mediaType.example !== undefined) {
      const example = `${mediaTypePointer}/example`;
      cases.set(`${direction} ${example}`, { example, value: mediaType.example, schema, direction });
    }
    for (const [name, entry] of Object.entries(mediaType.examples ?? {})) {
      const example = typeof entry.$ref === 'string' ? `${entry.$ref}/value` : `${mediaTypePointer}/examples/${escapePointerToken(name)}/value`;
      const value = getAtPointer(document, example);
      if (value === undefined) continue;
      // The same component example can serve several operations: check it once per schema.
      cases.set(`${direction} ${example} ${schema}`, { example, value, schema, direction });
    }
  };
  const jsonMediaTypes = (ownerPointer: string): string[] => {
    const content = getAtPointer(document, `${ownerPointer}/content`);
    if (content === null || typeof content !== 'object') return [];
    return Object.keys(content)
      .filter(isJsonMediaType)
      .map((mediaType) => `${ownerPointer}/content/${escapePointerToken(mediaType)}`);
  };
  const resolvedPointer = (pointer: string): string => {
    const ref = (getAtPointer(document, pointer) as { $ref?: unknown } | undefined)?.$ref;
    return typeof ref === 'string' ? ref : pointer;
  };

  for (const methods of indexOperations(document).values()) {
    for (const operation of methods.values()) {
      const operationPointer = `#/paths/${escapePointerToken(operation.template)}/${operation.method}`;
      for (const status of operation.responses.keys()) {
        const owner = resolvedPointer(`${operationPointer}/responses/${escapePointerToken(status)}`);
        for (const mediaType of jsonMediaTypes(owner)) addMediaType(mediaType, 'response');
      }
      if (operation.requestBody !== undefined) {
        const owner = resolvedPointer(`${operationPointer}/requestBody`);
        for (const mediaType of jsonMediaTypes(owner)) addMediaType(mediaType, 'request');
      }
    }
  }
  for (const [name, schema] of Object.entries(document.components.schemas ?? {})) {
    const example = (schema as { example?: unknown }).example;
    if (example === undefined) continue;
    const pointer = `#/components/schemas/${escapePointerToken(name)}`;
    cases.set(`response ${pointer}/example`, { example: `${pointer}/example`, value: example, schema: pointer, direction: 'response' });
  }
  return [...cases.values()];
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const failures = auditExamples({ corrections: process.argv.includes('--official') ? [] : overlayCorrections });
  for (const failure of failures) {
    console.log(`${failure.direction} example ${failure.example}\n  schema ${failure.schema}`);
    for (const error of failure.errors) console.log(`    ${error}`);
  }
  console.log(`${failures.length} failing examples`);
}
