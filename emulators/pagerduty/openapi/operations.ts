/**
 * The document's operations, indexed by path template and method, with the JSON pointers of the
 * schemas that describe their messages. Nothing is compiled here: pointers are cheap, and ajv
 * compiles a pointer only when a message of that operation is first validated.
 */
import type { OpenApiDocument, OperationObject, ParameterObject, RequestBodyObject } from './document';
import { isHttpMethod } from './document';
import { escapePointerToken, getAtPointer } from './jsonPointer';

export interface ResolvedParameter {
  name: string;
  location: 'query' | 'header' | 'path' | 'cookie';
  required: boolean;
  /** Pointer of the parameter's schema, or undefined when it declares none. */
  schemaPointer: string | undefined;
}

export interface MessageBody {
  /** Pointer of the JSON schema of the body, or undefined when the body is not JSON. */
  schemaPointer: string | undefined;
  mediaTypes: string[];
}

export interface Operation {
  operationId: string;
  template: string;
  method: string;
  parameters: ResolvedParameter[];
  requestBody: (MessageBody & { required: boolean }) | undefined;
  /** Response status keys (`200`, `4XX`, `default`) mapped to their body, or null for no body. */
  responses: Map<string, MessageBody | null>;
  requiresApiKey: boolean;
}

export function indexOperations(document: OpenApiDocument): Map<string, Map<string, Operation>> {
  const byTemplate = new Map<string, Map<string, Operation>>();
  for (const [template, pathItem] of Object.entries(document.paths)) {
    const methods = new Map<string, Operation>();
    for (const [method, value] of Object.entries(pathItem)) {
      if (!isHttpMethod(method) || value === null || typeof value !== 'object') continue;
      methods.set(method, describeOperation(document, template, method, value));
    }
    byTemplate.set(template, methods);
  }
  return byTemplate;
}

function describeOperation(document: OpenApiDocument, template: string, method: string, operation: OperationObject): Operation {
  const operationPointer = `#/paths/${escapePointerToken(template)}/${method}`;
  const responses = new Map<string, MessageBody | null>();
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    const { value, pointer } = follow(document, response, `${operationPointer}/responses/${escapePointerToken(status)}`);
    responses.set(status, value.content === undefined ? null : describeContent(value.content, pointer));
  }
  const security = operation.security ?? document.security ?? [];
  return {
    operationId: operation.operationId ?? `${method} ${template}`,
    template,
    method,
    parameters: mergeParameters(document, template, method, operation),
    requestBody: describeRequestBody(document, operation.requestBody, `${operationPointer}/requestBody`),
    responses,
    requiresApiKey: security.length > 0 && security.every((requirement) => 'api_key' in requirement),
  };
}

function describeRequestBody(document: OpenApiDocument, requestBody: RequestBodyObject | undefined, pointer: string): Operation['requestBody'] {
  if (requestBody === undefined) return undefined;
  const resolved = follow(document, requestBody, pointer);
  const body = describeContent(resolved.value.content ?? {}, resolved.pointer);
  return { ...body, required: resolved.value.required === true };
}

function describeContent(content: Record<string, { schema?: unknown }>, ownerPointer: string): MessageBody {
  const mediaTypes = Object.keys(content);
  const json = mediaTypes.find(isJsonMediaType);
  const schemaPointer = json !== undefined && content[json]?.schema !== undefined ? `${ownerPointer}/content/${escapePointerToken(json)}/schema` : undefined;
  return { schemaPointer, mediaTypes };
}

/** Path-level parameters apply unless the operation redefines the same name and location. */
function mergeParameters(document: OpenApiDocument, template: string, method: string, operation: OperationObject): ResolvedParameter[] {
  const pathPointer = `#/paths/${escapePointerToken(template)}`;
  const collect = (parameters: ParameterObject[] | undefined, pointer: string): ResolvedParameter[] =>
    (parameters ?? []).map((parameter, index) => {
      const resolved = follow(document, parameter, `${pointer}/${index}`);
      return {
        name: resolved.value.name,
        location: resolved.value.in,
        required: resolved.value.required === true || resolved.value.in === 'path',
        schemaPointer: resolved.value.schema === undefined ? undefined : `${resolved.pointer}/schema`,
      };
    });
  const own = collect(operation.parameters, `${pathPointer}/${method}/parameters`);
  const inherited = collect(document.paths[template]?.parameters, `${pathPointer}/parameters`).filter(
    (parameter) => !own.some((o) => o.name === parameter.name && o.location === parameter.location),
  );
  return [...inherited, ...own];
}

/**
 * Follows `$ref` chains, returning the target and the pointer it lives at. A reference stands for
 * an object of the kind it replaces (a parameter's `$ref` points at a parameter), so the target is
 * typed as the value given.
 */
function follow<T>(document: OpenApiDocument, value: T, pointer: string): { value: T; pointer: string } {
  let current: unknown = value;
  let currentPointer = pointer;
  for (let hops = 0; hops < 16; hops += 1) {
    const ref = (current as { $ref?: unknown } | null)?.$ref;
    if (typeof ref !== 'string') return { value: current as T, pointer: currentPointer };
    currentPointer = ref;
    current = getAtPointer(document, ref);
    if (current === undefined) throw new Error(`The document's reference ${ref} (from ${pointer}) points nowhere`);
  }
  throw new Error(`The document's references from ${pointer} loop`);
}

export function isJsonMediaType(mediaType: string): boolean {
  const base = mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  return base === 'application/json' || base.endsWith('+json');
}
