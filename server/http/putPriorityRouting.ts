import type { Request, Response } from 'express';
import type { AppContext } from '../context';
import { AppError } from '../errors';
import { readPriorityRouting, writePriorityRouting } from '../store/priorityRouting';
import { caseDescribeFields } from './authoring/caseDescribe';
import { canonicalFieldName } from './authoring/checkObjectMapping';
import { checkPriorityRouting, hasUnknownId, namesPagerDutyIds } from './authoring/checkPriorityRouting';
import { pagerDutyDirectory } from './authoring/pagerDutyDirectory';
import { rulesChanged } from './authoring/rulesetAccess';
import { priorityRoutingRequest, type PriorityRoutingReply } from '../../contracts/priorityRouting';
import { parseInput } from './validate';

/**
 * PUT /api/priority-routing: the whole configuration. Every id is checked against PagerDuty's
 * live lists and the Case field against the live describe; any problem answers 400 listing each
 * row's field and stores nothing. The sync engine applies the saved rows from the next event on.
 */
export const putPriorityRouting = (ctx: AppContext) => async (req: Request, res: Response<PriorityRoutingReply>) => {
  const input = parseInput(priorityRoutingRequest, req.body);
  const describe = input.caseField === null ? [] : await caseDescribeFields(ctx);
  const directory = namesPagerDutyIds(input) ? await pagerDutyDirectory(ctx) : undefined;
  let problems = checkPriorityRouting(input, directory, describe);
  // A service or policy added a moment ago is not in the cached lists yet: look again before refusing it.
  if (directory && hasUnknownId(problems)) problems = checkPriorityRouting(input, await pagerDutyDirectory(ctx, { fresh: true }), describe);
  if (problems.length > 0) {
    throw new AppError('validation_failed', `The priority routing is invalid: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, {
      fields: problems,
    });
  }
  await writePriorityRouting(ctx.db, { ...input, caseField: canonicalFieldName(input.caseField, describe) });
  ctx.logger.info({ routes: input.routes.length, caseValues: input.caseValues.length }, 'priority routing saved');
  // With an active row the webhook subscriptions must also carry priority changes.
  rulesChanged(ctx);
  res.json(await readPriorityRouting(ctx.db));
};
