import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import type { EmulatorContext } from '../context';
import { SalesforceError } from '../errors';
import type { SfRecord } from '../model';

const userField = z.string().min(15).max(18);
const editSchema = z
  .object({
    userId: userField,
    fields: z
      .object({
        Status: z.string().optional(),
        Priority: z.string().optional(),
        Subject: z.string().optional(),
        Description: z.string().optional(),
        Origin: z.string().optional(),
      })
      .strict(),
  })
  .strict();
const createSchema = editSchema;
const commentSchema = z.object({ userId: userField, body: z.string().min(1).max(4000), isPublished: z.boolean().optional() }).strict();

function consoleError(res: Response, status: number, code: string, message: string, fields?: string[]): void {
  res.status(status).json({ error: { code, message, ...(fields ? { details: { fields } } : {}) } });
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
}

function userName(ctx: EmulatorContext, id: unknown): string | null {
  return typeof id === 'string' ? ((ctx.store.find('User', id)?.Name as string | undefined) ?? null) : null;
}

function caseSummary(ctx: EmulatorContext, record: SfRecord) {
  return {
    Id: record.Id,
    CaseNumber: record.CaseNumber,
    Subject: record.Subject,
    Status: record.Status,
    Priority: record.Priority,
    Origin: record.Origin,
    IsClosed: record.IsClosed,
    OwnerName: userName(ctx, record.OwnerId),
    AccountName: typeof record.AccountId === 'string' ? (ctx.store.find('Account', record.AccountId)?.Name ?? null) : null,
    LastModifiedDate: record.LastModifiedDate,
  };
}

/** A console action must name a real, human user: changes are committed as that user. */
function actingUser(ctx: EmulatorContext, userId: string, res: Response): string | undefined {
  const user = ctx.store.find('User', userId);
  if (!user) {
    consoleError(res, 400, 'unknown_user', `No user with Id ${userId}`);
    return undefined;
  }
  return user.Id;
}

function handleStoreError(res: Response, error: unknown): void {
  if (!(error instanceof SalesforceError)) throw error;
  consoleError(res, error.statusCode, error.errorCode, error.message, error.fields);
}

/**
 * JSON endpoints behind the console page (`/__emulator/console/…`): list users and Cases, read a
 * Case with its comments, edit it and comment on it as a chosen user. Writes go through the
 * store like API writes do, so they emit change events with that user as commitUser.
 */
export function consoleApi(ctx: EmulatorContext) {
  const router = express.Router();
  router.use(express.json({ limit: '256kb' }));

  // Human users only: the connected apps' run-as (integration) users are the product's voice,
  // and a person trying the round trip acts as someone else.
  router.get('/users', (_req, res) => {
    const integrationUsers = new Set(ctx.auth.apps().map((app) => app.runAsUserId));
    const users = ctx.auth
      .users()
      .filter((credentials) => !integrationUsers.has(credentials.userId))
      .map((credentials) => {
        const record = ctx.store.find('User', credentials.userId);
        return {
          Id: credentials.userId,
          Name: record?.Name ?? credentials.username,
          Username: credentials.username,
          Email: record?.Email ?? null,
          Title: record?.Title ?? null,
        };
      });
    res.json({ users });
  });

  router.get('/cases', (_req, res) => {
    const cases = [...ctx.store.records('Case')]
      .filter((record) => record.IsDeleted !== true)
      .sort((a, b) => String(b.CaseNumber).localeCompare(String(a.CaseNumber)))
      .map((record) => caseSummary(ctx, record));
    res.json({ cases });
  });

  router.post('/cases', (req: Request, res: Response) => {
    const parsed = createSchema.safeParse(req.body);
    if (!parsed.success) {
      consoleError(res, 400, 'invalid_request', describeIssues(parsed.error));
      return;
    }
    const userId = actingUser(ctx, parsed.data.userId, res);
    if (!userId) return;
    try {
      const record = ctx.store.insert('Case', parsed.data.fields, userId);
      res.status(201).json(caseSummary(ctx, record));
    } catch (error) {
      handleStoreError(res, error);
    }
  });

  router.get('/cases/:id', (req, res) => {
    const record = ctx.store.find('Case', req.params.id);
    if (!record) {
      consoleError(res, 404, 'not_found', `No Case with Id ${req.params.id}`);
      return;
    }
    const comments = [...ctx.store.records('CaseComment')]
      .filter((comment) => comment.ParentId === record.Id && comment.IsDeleted !== true)
      .sort((a, b) => String(a.CreatedDate).localeCompare(String(b.CreatedDate)))
      .map((comment) => ({
        Id: comment.Id,
        CommentBody: comment.CommentBody,
        IsPublished: comment.IsPublished,
        CreatedDate: comment.CreatedDate,
        CreatedByName: userName(ctx, comment.CreatedById),
      }));
    const def = ctx.store.sobject('Case');
    if (!def) throw new Error('The Salesforce emulator schema has no Case object');
    const options = (name: string) => def.fields.find((field) => field.name === name)?.picklistValues.map((value) => value.value) ?? [];
    res.json({
      case: {
        ...caseSummary(ctx, record),
        Description: record.Description,
        CreatedDate: record.CreatedDate,
        LastModifiedByName: userName(ctx, record.LastModifiedById),
      },
      comments,
      picklists: { Status: options('Status'), Priority: options('Priority'), Origin: options('Origin') },
    });
  });

  router.patch('/cases/:id', (req, res) => {
    const parsed = editSchema.safeParse(req.body);
    if (!parsed.success) {
      consoleError(res, 400, 'invalid_request', describeIssues(parsed.error));
      return;
    }
    const userId = actingUser(ctx, parsed.data.userId, res);
    if (!userId) return;
    try {
      const record = ctx.store.update('Case', req.params.id, parsed.data.fields, userId);
      res.json(caseSummary(ctx, record));
    } catch (error) {
      handleStoreError(res, error);
    }
  });

  router.post('/cases/:id/comments', (req, res) => {
    const parsed = commentSchema.safeParse(req.body);
    if (!parsed.success) {
      consoleError(res, 400, 'invalid_request', describeIssues(parsed.error));
      return;
    }
    const userId = actingUser(ctx, parsed.data.userId, res);
    if (!userId) return;
    try {
      const comment = ctx.store.insert(
        'CaseComment',
        { ParentId: req.params.id, CommentBody: parsed.data.body, IsPublished: parsed.data.isPublished ?? false },
        userId,
      );
      res.status(201).json({ Id: comment.Id });
    } catch (error) {
      handleStoreError(res, error);
    }
  });

  return router;
}
