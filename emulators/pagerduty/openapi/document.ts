/**
 * Loading PagerDuty's official OpenAPI 3.0 document, and the small part of its shape this
 * validator reads. The document stays outside the repository (PAGERDUTY_ORACLES_DIR, by default
 * ../shared/oracles/pagerduty/ beside it; see oracles/location.ts): it is read at runtime, never
 * copied. Only the tests read it: nothing the app or the demo runs depends on it.
 */
import { readFileSync } from 'node:fs';
import { HOW_TO_GET_ORACLES, openApiDocumentPath } from './oracles/location';

export type SchemaObject = Record<string, unknown>;

export interface MediaTypeObject {
  schema?: SchemaObject;
  example?: unknown;
  examples?: Record<string, { value?: unknown; $ref?: string }>;
}

export interface ResponseObject {
  $ref?: string;
  description?: string;
  content?: Record<string, MediaTypeObject>;
}

export interface ParameterObject {
  $ref?: string;
  name: string;
  in: 'query' | 'header' | 'path' | 'cookie';
  required?: boolean;
  schema?: SchemaObject;
}

export interface RequestBodyObject {
  $ref?: string;
  required?: boolean;
  content?: Record<string, MediaTypeObject>;
}

export interface OperationObject {
  operationId?: string;
  parameters?: ParameterObject[];
  requestBody?: RequestBodyObject;
  responses?: Record<string, ResponseObject>;
  security?: Array<Record<string, string[]>>;
}

export type PathItemObject = Record<string, unknown> & { parameters?: ParameterObject[] };

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, PathItemObject>;
  components: Record<string, Record<string, unknown>>;
  security?: Array<Record<string, string[]>>;
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export function isHttpMethod(value: string): value is HttpMethod {
  return (HTTP_METHODS as readonly string[]).includes(value);
}

export function loadOpenApiDocument(documentPath: string = openApiDocumentPath()): OpenApiDocument {
  let text: string;
  try {
    text = readFileSync(documentPath, 'utf8');
  } catch (cause) {
    throw new Error(`Cannot read PagerDuty's OpenAPI document at ${documentPath}: ${HOW_TO_GET_ORACLES}`, { cause });
  }
  const parsed: unknown = JSON.parse(text);
  if (
    parsed === null ||
    typeof parsed !== 'object' ||
    typeof (parsed as { openapi?: unknown }).openapi !== 'string' ||
    !(parsed as { openapi: string }).openapi.startsWith('3.0')
  ) {
    throw new Error(`${documentPath} is not an OpenAPI 3.0 document`);
  }
  const document = parsed as OpenApiDocument;
  if (typeof document.paths !== 'object' || typeof document.components !== 'object') {
    throw new Error(`${documentPath} has no paths or components`);
  }
  return document;
}
