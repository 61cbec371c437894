/**
 * Validation of PagerDuty REST exchanges (request and response) against the official OpenAPI
 * document plus the project's overlay of corrections.
 */
import type { Direction } from './dialect';
import { loadOpenApiDocument } from './document';
import { describeAjvErrors } from './errors';
import { indexOperations, isJsonMediaType } from './operations';
import type { MessageBody, Operation, ResolvedParameter } from './operations';
import { applyOverlay, overlayCorrections } from './overlay';
import type { OverlayCorrection } from './overlay';
import { PathMatcher, stripQuery } from './pathMatcher';
import { SchemaCompiler } from './schemaCompiler';

export interface ValidationResult {
  valid: boolean;
  operationId?: string;
  errors: string[];
}

export interface ResponseExchange {
  method: string;
  path: string;
  status: number;
  body: unknown;
  contentType?: string;
}

export interface RequestExchange {
  method: string;
  path: string;
  query?: Record<string, string | string[]>;
  /** Omit to skip header checks (From, Authorization) when the caller did not capture headers. */
  headers?: Record<string, string>;
  body?: unknown;
}

export interface OpenApiValidator {
  validateResponse(exchange: ResponseExchange): ValidationResult;
  validateRequest(exchange: RequestExchange): ValidationResult;
  operation(method: string, path: string): { operationId: string; template: string } | undefined;
}

export interface OpenApiValidatorOptions {
  /** Defaults to openapiv3.json in PAGERDUTY_ORACLES_DIR (../shared/oracles/pagerduty/ beside the repository). */
  documentPath?: string;
  /** Defaults to the project's overlay; pass [] to validate against the official document alone. */
  corrections?: readonly OverlayCorrection[];
}

export function createOpenApiValidator(options: OpenApiValidatorOptions = {}): OpenApiValidator {
  const document = applyOverlay(loadOpenApiDocument(options.documentPath), options.corrections ?? overlayCorrections);
  const operationsByTemplate = indexOperations(document);
  // Path items without operations (the document keeps a few as bare descriptions) match nothing.
  const matcher = new PathMatcher([...operationsByTemplate].filter(([, methods]) => methods.size > 0).map(([template]) => template));

  const schemas = new SchemaCompiler(document);

  const findOperation = (method: string, path: string): { operation: Operation; pathParameters: Record<string, string> } | string => {
    const match = matcher.match(path);
    if (match === undefined) return `${stripQuery(path)} matches no path of the PagerDuty OpenAPI document`;
    const methods = operationsByTemplate.get(match.template);
    const operation = methods?.get(method.toLowerCase());
    if (operation === undefined) {
      const allowed = [...(methods?.keys() ?? [])].map((m) => m.toUpperCase()).join(', ');
      return `${method.toUpperCase()} is not an operation of ${match.template} (the document defines ${allowed || 'none'})`;
    }
    return { operation, pathParameters: match.pathParameters };
  };

  return {
    operation(method, path) {
      const found = findOperation(method, path);
      return typeof found === 'string' ? undefined : { operationId: found.operation.operationId, template: found.operation.template };
    },

    validateResponse(exchange) {
      const found = findOperation(exchange.method, exchange.path);
      if (typeof found === 'string') return { valid: false, errors: [found] };
      const { operation } = found;
      const errors = validateResponseBody(operation, exchange, (d, p) => schemas.schema(d, p));
      return { valid: errors.length === 0, operationId: operation.operationId, errors };
    },

    validateRequest(exchange) {
      const found = findOperation(exchange.method, exchange.path);
      if (typeof found === 'string') return { valid: false, errors: [found] };
      const { operation, pathParameters } = found;
      const errors: string[] = [];

      const checkParameters = (location: ResolvedParameter['location'], values: Record<string, unknown>): void => {
        const validate = schemas.parameters(operation, location);
        if (!validate(structuredClone(values))) errors.push(...describeAjvErrors(`${location} parameters`, validate.errors));
      };
      checkParameters('path', pathParameters);
      checkParameters('query', { ...queryFromPath(exchange.path), ...(exchange.query ?? {}) });
      if (exchange.headers !== undefined) {
        const headers = Object.fromEntries(Object.entries(exchange.headers).map(([name, value]) => [name.toLowerCase(), value]));
        checkParameters('header', headers);
        if (operation.requiresApiKey && headers.authorization === undefined) {
          errors.push('header Authorization is required by the api_key security scheme (Token token=<API_KEY>)');
        }
      }
      errors.push(...validateRequestBody(operation, exchange.body, (d, p) => schemas.schema(d, p)));
      return { valid: errors.length === 0, operationId: operation.operationId, errors };
    },
  };
}

type BodyValidatorFactory = SchemaCompiler['schema'];

function validateResponseBody(operation: Operation, exchange: ResponseExchange, bodyValidator: BodyValidatorFactory): string[] {
  const statusKey = pickResponseKey(operation, exchange.status);
  if (statusKey === undefined) {
    const documented = [...operation.responses.keys()].join(', ');
    return [`status ${exchange.status} is not a documented response of ${operation.operationId} (documented: ${documented})`];
  }
  const declared = operation.responses.get(statusKey) ?? null;
  const hasBody = !isEmptyBody(exchange.body);
  if (exchange.status === 204 || declared === null) {
    return hasBody ? [`response body must be empty for status ${exchange.status} of ${operation.operationId}, which declares no content`] : [];
  }
  if (!hasBody) return [`response body is missing: status ${exchange.status} of ${operation.operationId} declares ${declared.mediaTypes.join(', ')}`];
  return validateBody('response', declared, exchange.body, exchange.contentType, bodyValidator);
}

function validateRequestBody(operation: Operation, body: unknown, bodyValidator: BodyValidatorFactory): string[] {
  const declared = operation.requestBody;
  if (isEmptyBody(body)) {
    return declared?.required === true ? [`request body is required by ${operation.operationId}`] : [];
  }
  if (declared === undefined) return [`request body is not accepted by ${operation.operationId}, which declares none`];
  return validateBody('request', declared, body, undefined, bodyValidator);
}

function validateBody(
  direction: Direction,
  declared: MessageBody,
  body: unknown,
  contentType: string | undefined,
  bodyValidator: BodyValidatorFactory,
): string[] {
  if (contentType !== undefined && !isJsonMediaType(contentType)) {
    return [`${direction} content type ${contentType} is not JSON (declared: ${declared.mediaTypes.join(', ')})`];
  }
  if (declared.schemaPointer === undefined) {
    return [`${direction} body cannot be checked: the document declares ${declared.mediaTypes.join(', ')}, not JSON`];
  }
  const validate = bodyValidator(direction, declared.schemaPointer);
  return validate(body) ? [] : describeAjvErrors(`${direction} body`, validate.errors);
}

/** Exact status first, then its class (`4XX`), then `default`, as OpenAPI's Responses Object says. */
function pickResponseKey(operation: Operation, status: number): string | undefined {
  const candidates = [String(status), `${String(status).charAt(0)}XX`, `${String(status).charAt(0)}xx`, 'default'];
  return candidates.find((key) => operation.responses.has(key));
}

function isEmptyBody(body: unknown): boolean {
  return body === undefined || body === '' || (body instanceof Uint8Array && body.byteLength === 0);
}

function queryFromPath(path: string): Record<string, string | string[]> {
  const cut = path.indexOf('?');
  if (cut === -1) return {};
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(path.slice(cut + 1).split('#')[0])) {
    const existing = query[name];
    query[name] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return query;
}
