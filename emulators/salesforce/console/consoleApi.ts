import { createHash } from 'node:crypto';
import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import type { EmulatorContext } from '../context';
import { SalesforceError } from '../errors';
import type { SfRecord } from '../model';
import { instanceUrl } from '../auth/loginHosts';
import { canvasClientId, canvasRequest, signedRequest } from '../canvas/canvasApps';

const userField = z.string().min(15).max(18);
const caseFields = z
  .object({
    Status: z.string().optional(),
    Priority: z.string().optional(),
    Subject: z.string().nullable().optional(),
    Description: z.string().nullable().optional(),
    Origin: z.string().nullable().optional(),
  })
  .strict();
const editSchema = z.object({ userId: userField, fields: caseFields }).strict();
const createSchema = editSchema;
const canvasSchema = z.object({ userId: userField }).strict();
const commentSchema = z.object({ userId: userField, body: z.string().min(1).max(4000), isPublished: z.boolean().optional() }).strict();

/** The picklists the console's Case forms offer, read from the Case describe. */
const CONSOLE_PICKLISTS = ['Status', 'Priority', 'Origin'] as const;

function consoleError(res: Response, status: number, code: string, message: string, fields?: string[]): void {
  res.status(status).json({ error: { code, message, ...(fields ? { details: { fields } } : {}) } });
}

function invalidRequest(res: Response, error: z.ZodError): void {
  consoleError(res, 400, 'invalid_request', error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
}

/**
 * Answers a read the console polls: a strong ETag over the body, and 304 when the page already
 * has it, so an open console costs one small exchange every few seconds while nothing changes.
 */
function sendPolled(req: Request, res: Response, body: unknown): void {
  const json = JSON.stringify(body);
  const etag = `"${createHash('sha1').update(json).digest('base64url')}"`;
  res.set({ ETag: etag, 'Cache-Control': 'no-cache' });
  if (req.get('if-none-match') === etag) {
    res.status(304).end();
    return;
  }
  res.type('application/json').send(json);
}

/** A user's or a queue's name (a Case's owner may be either). */
function userName(ctx: EmulatorContext, id: unknown): string | null {
  if (typeof id !== 'string') return null;
  const name = (ctx.store.find('User', id) ?? ctx.store.find('Group', id))?.Name;
  return typeof name === 'string' ? name : null;
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
  if (error instanceof SalesforceError) {
    consoleError(res, error.statusCode, error.errorCode, error.message, error.fields);
    return;
  }
  throw error;
}

/** Active values and the default of the console's picklists, as the Case describe has them. */
function casePicklists(ctx: EmulatorContext) {
  const fields = ctx.store.requireObject('Case').fields;
  return Object.fromEntries(
    CONSOLE_PICKLISTS.map((name) => {
      const field = fields.find((candidate) => candidate.name === name);
      const values = field?.picklistValues.filter((value) => value.active) ?? [];
      return [
        name,
        {
          label: field?.label ?? name,
          values: values.map((value) => ({ value: value.value, label: value.label })),
          defaultValue: values.find((value) => value.defaultValue)?.value ?? null,
        },
      ];
    }),
  );
}

/**
 * JSON endpoints behind the console page (`/__emulator/console/…`): list users and Cases, the
 * Case picklists, read a Case with its comments, create and edit Cases and comment on them as a
 * chosen user. Writes go through the store like API writes do, so they emit change events with
 * that user as commitUser. The reads the page polls answer 304 while nothing changed.
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

  router.get('/describe', (_req, res) => {
    res.json({ picklists: casePicklists(ctx) });
  });

  router.get('/cases', (req, res) => {
    const cases = [...ctx.store.records('Case')]
      .filter((record) => record.IsDeleted !== true)
      .sort((a, b) => String(b.CaseNumber).localeCompare(String(a.CaseNumber)))
      .map((record) => caseSummary(ctx, record));
    sendPolled(req, res, { cases });
  });

  router.post('/cases', (req: Request, res: Response) => {
    const parsed = createSchema.safeParse(req.body);
    if (!parsed.success) {
      invalidRequest(res, parsed.error);
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
    if (!record || record.IsDeleted === true) {
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
    sendPolled(req, res, {
      case: {
        ...caseSummary(ctx, record),
        Description: record.Description,
        CreatedDate: record.CreatedDate,
        CreatedByName: userName(ctx, record.CreatedById),
        LastModifiedByName: userName(ctx, record.LastModifiedById),
      },
      comments,
    });
  });

  router.patch('/cases/:id', (req, res) => {
    const parsed = editSchema.safeParse(req.body);
    if (!parsed.success) {
      invalidRequest(res, parsed.error);
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

  // What Salesforce renders for Canvas apps: for each app of the location, its canvas URL and a
  // signed request for the acting user (and, on a record page, the record), which the page POSTs
  // into the app's iframe. The page asks again for the Canvas SDK's refreshSignedRequest.
  const signedApps = (req: Request, res: Response, location: 'RecordPage' | 'UtilityBar', userId: string, record?: SfRecord) => {
    const user = ctx.store.find('User', userId);
    if (!user) {
      consoleError(res, 404, 'not_found', `No user with Id ${userId}`);
      return;
    }
    const origin = instanceUrl(req);
    const text = (value: unknown) => (typeof value === 'string' ? value : null);
    const apps = ctx.canvasApps.at(location).map((app) => {
      // The user's token for this app, as Salesforce signs it in: the same one until it ends,
      // `issuedAt` saying when it was issued (not when this page asked).
      const session = ctx.auth.sessionOf(user.Id, canvasClientId(app.name));
      const request = canvasRequest({
        issuedAt: session.issuedAt,
        instanceUrl: origin,
        targetOrigin: origin,
        oauthToken: session.accessToken,
        orgId: ctx.org.id,
        orgName: ctx.org.name,
        user: {
          userId: user.Id,
          userName: text(user.Username) ?? user.Id,
          email: text(user.Email),
          fullName: text(user.Name),
          profileId: text(user.ProfileId),
          roleId: text(user.UserRoleId),
          locale: text(user.LocaleSidKey) ?? 'en_US',
        },
        displayLocation: location,
        ...(record ? { record: { Id: record.Id, type: 'Case' } } : {}),
      });
      return { name: app.name, canvasUrl: app.canvasUrl, signedRequest: signedRequest(request, app.consumerSecret) };
    });
    res.set('Cache-Control', 'no-store').json({ apps });
  };

  router.post('/cases/:id/canvas', (req, res) => {
    const parsed = canvasSchema.safeParse(req.body);
    if (!parsed.success) {
      invalidRequest(res, parsed.error);
      return;
    }
    const record = ctx.store.find('Case', req.params.id);
    if (!record || record.IsDeleted === true) {
      consoleError(res, 404, 'not_found', `No Case with Id ${req.params.id}`);
      return;
    }
    signedApps(req, res, 'RecordPage', parsed.data.userId, record);
  });

  // The Service Console's utility bar: its Canvas apps, signed for the acting user, no record.
  router.post('/utility-bar/canvas', (req, res) => {
    const parsed = canvasSchema.safeParse(req.body);
    if (!parsed.success) {
      invalidRequest(res, parsed.error);
      return;
    }
    signedApps(req, res, 'UtilityBar', parsed.data.userId);
  });

  router.post('/cases/:id/comments', (req, res) => {
    const parsed = commentSchema.safeParse(req.body);
    if (!parsed.success) {
      invalidRequest(res, parsed.error);
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
