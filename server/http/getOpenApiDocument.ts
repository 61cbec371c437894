import type { Request, Response } from 'express';
import type { OpenApiDocumentReply } from '../../contracts/routes';
import packageJson from '../../package.json' with { type: 'json' };

/**
 * GET /api/openapi.json: the OpenAPI document of this API, generated from the route table on the
 * first request and kept (the table does not change while the process runs). Admin only. The
 * generator is imported then too: start-up does not pay for a page few open (30–60 ms to load
 * @asteasolutions/zod-to-openapi on this machine, measured with a bare `await import`).
 */
export const getOpenApiDocument = () => {
  let document: Promise<OpenApiDocumentReply> | undefined;
  return async (_req: Request, res: Response<OpenApiDocumentReply>) => {
    document ??= import('./openApiDocument')
      .then(({ buildOpenApiDocument }) => buildOpenApiDocument({ version: packageJson.version }) as OpenApiDocumentReply)
      .catch((error: unknown) => {
        document = undefined; // the next request tries again rather than repeating this failure
        throw error;
      });
    res.json(await document);
  };
};
