/**
 * A failure the way Salesforce's REST API reports it: `[{message, errorCode, fields?}]` with an
 * HTTP status. Thrown by the store and the handlers; rendered in one place (rest/respond.ts).
 */
export class SalesforceError extends Error {
  readonly errorCode: string;
  readonly fields: string[] | undefined;
  readonly statusCode: number;

  constructor(errorCode: string, message: string, options: { fields?: string[]; statusCode?: number } = {}) {
    super(message);
    this.name = 'SalesforceError';
    this.errorCode = errorCode;
    this.fields = options.fields;
    this.statusCode = options.statusCode ?? 400;
  }

  /** The body element, with `fields` only where Salesforce sends it. */
  toJSON(): { message: string; errorCode: string; fields?: string[] } {
    return this.fields ? { message: this.message, errorCode: this.errorCode, fields: this.fields } : { message: this.message, errorCode: this.errorCode };
  }
}

export const notFound = () => new SalesforceError('NOT_FOUND', 'The requested resource does not exist', { statusCode: 404 });

export const invalidSession = () => new SalesforceError('INVALID_SESSION_ID', 'Session expired or invalid', { statusCode: 401 });
