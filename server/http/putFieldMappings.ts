import type { Request, Response } from 'express';
import { fieldMappingsRequest, type FieldMappingsReply } from '../../contracts/fieldMappings';
import type { AppContext } from '../context';
import { AppError } from '../errors';
import { writeFieldMappings } from '../store/fieldMappings';
import { caseDescribeFields } from './authoring/caseDescribe';
import { checkFieldMappings } from './authoring/checkFieldMappings';
import { fieldMappingsView, pagerDutyCustomFields } from './authoring/fieldMappingsView';
import { rulesChanged } from './authoring/rulesetAccess';
import { parseInput } from './validate';

/**
 * PUT /api/field-mappings: the whole list of custom field mappings. Every row is checked against
 * the live Case describe and the account's incident custom fields (fields exist, types fit the
 * direction, picklist values mapped or skipped); any problem answers 400 listing each row's
 * field path and stores nothing. A saved list that sends PagerDuty's values to Cases needs the
 * `incident.custom_field_values.updated` webhook: the subscriptions follow at once.
 */
export const putFieldMappings = (ctx: AppContext) => async (req: Request, res: Response<FieldMappingsReply>) => {
  const input = parseInput(fieldMappingsRequest, req.body);
  const needsLiveFields = input.mappings.length > 0;
  const [describe, pagerDutyFields] = needsLiveFields ? await Promise.all([caseDescribeFields(ctx), pagerDutyCustomFields(ctx)]) : [[], []];
  const { problems, mappings } = checkFieldMappings(input.mappings, describe, pagerDutyFields);
  if (problems.length > 0) {
    throw new AppError('validation_failed', `The field mappings are invalid: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, {
      fields: problems,
    });
  }
  await writeFieldMappings(ctx.db, mappings);
  rulesChanged(ctx);
  res.json(await fieldMappingsView(ctx, needsLiveFields ? pagerDutyFields : undefined));
};
