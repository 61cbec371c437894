import type { Request, Response } from 'express';
import type { OpenApiDocumentReply } from '../../contracts/routes';
import packageJson from '../../package.json' with { type: 'json' };
import { buildOpenApiDocument, type OpenApiDocument } from './openApiDocument';

/**
 * GET /api/openapi.json: the OpenAPI document of this API, generated from the route table once, on
 * the first request (the table does not change while the process runs). Admin only.
 */
export const getOpenApiDocument = () => {
  let document: OpenApiDocument | undefined;
  return (_req: Request, res: Response<OpenApiDocumentReply>) => {
    document ??= buildOpenApiDocument({ version: packageJson.version });
    res.json(document as OpenApiDocumentReply);
  };
};
