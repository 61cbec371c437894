import type { Request, Response } from 'express';
import type { AppContext } from '../context';
import { AppError } from '../errors';
import { readObjectMapping, writeObjectMapping } from '../store/objectMapping';
import { caseDescribeFields } from './authoring/caseDescribe';
import { canonicalFieldName, checkObjectMappingFields, type FieldProblem } from './authoring/checkObjectMapping';
import { objectMappingView } from './authoring/objectMappingView';
import { findUserByEmail, pagerDutyDirectory } from './authoring/pagerDutyDirectory';
import { objectMappingRequest, type ObjectMappingReply } from '../../contracts/authoring';
import { parseInput } from './validate';

/**
 * PUT /api/object-mapping: checks every field against the live Case describe and the email
 * against PagerDuty's users; any problem answers 400 listing each field and stores nothing.
 * The email is the PagerDuty connection's `From` address, so changing it resets the sessions.
 */
export const putObjectMapping = (ctx: AppContext) => async (req: Request, res: Response<ObjectMappingReply>) => {
  const input = parseInput(objectMappingRequest, req.body);
  const describe = await caseDescribeFields(ctx);
  const problems: FieldProblem[] = checkObjectMappingFields(input, describe);
  const email = input.integrationUserEmail;
  if (email !== null) problems.push(...(await checkIntegrationUser(ctx, email)));
  if (problems.length > 0) {
    throw new AppError('validation_failed', `The object mapping is invalid: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, {
      fields: problems,
    });
  }

  const saved = await readObjectMapping(ctx.db);
  await writeObjectMapping(ctx.db, {
    businessObject: 'Case',
    titleField: canonicalFieldName(input.titleField, describe) as string,
    descriptionField: canonicalFieldName(input.descriptionField, describe),
    syncCommentsToNotes: input.syncCommentsToNotes,
    statusUpdatesToCases: input.statusUpdatesToCases ?? saved.statusUpdatesToCases,
    incidentNumberField: canonicalFieldName(input.incidentNumberField, describe),
    incidentUrlField: canonicalFieldName(input.incidentUrlField, describe),
  });
  const pagerduty = await ctx.connections.pagerduty();
  if ((pagerduty.fromEmail ?? null) !== email) {
    await ctx.connections.savePagerDuty({ ...pagerduty, fromEmail: email });
    ctx.health.invalidate('integrationUser');
    ctx.sessions.reset();
    ctx.logger.info({ connection: 'pagerduty', changed: ['fromEmail'] }, 'integration user email changed on OBJECT MAPPINGS');
  }
  res.json(await objectMappingView(ctx));
};

async function checkIntegrationUser(ctx: AppContext, email: string): Promise<FieldProblem[]> {
  if (!(await ctx.connections.pagerduty()).apiKey) {
    return [
      { path: 'integrationUserEmail', message: 'PagerDuty is not connected, so the email cannot be checked: enter the REST API key on CONNECTIONS first' },
    ];
  }
  // A user added a moment ago is not in the cached list yet: look again before saying "no such user".
  const found = findUserByEmail(await pagerDutyDirectory(ctx), email) ?? findUserByEmail(await pagerDutyDirectory(ctx, { fresh: true }), email);
  return found ? [] : [{ path: 'integrationUserEmail', message: `No PagerDuty user has the email ${email}` }];
}
