import type { Request, Response } from 'express';
import { OPERATORS, caseFieldInfoFromDescribe, buildFieldCatalog, operatorsForField, requiredCaseFieldsForCreate, type FieldDef } from '../../rules';
import type { AppContext } from '../context';
import { caseDescribeFields } from './authoring/caseDescribe';
import type { CaseFieldsReply, OperatorOption } from '../../contracts/authoring';

export function operatorOptions(field: FieldDef): OperatorOption[] {
  return operatorsForField(field).map((name) => ({ name, label: OPERATORS[name].label, value: OPERATORS[name].value }));
}

/** GET /api/metadata/case-fields: every Case field of the live describe, with the operators rules may use on it. */
export const getCaseFieldMetadata = (ctx: AppContext) => async (_req: Request, res: Response<CaseFieldsReply>) => {
  const fields = await caseDescribeFields(ctx);
  const catalog = buildFieldCatalog(caseFieldInfoFromDescribe(fields));
  const required = new Set(requiredCaseFieldsForCreate(catalog).map((field) => field.name));
  res.set('Cache-Control', 'no-store');
  res.json({
    fields: fields
      .map((field) => {
        const def = catalog.fields.get(`Case.${field.name}`);
        return {
          name: field.name,
          label: field.label,
          type: field.type,
          length: typeof field.length === 'number' && field.length > 0 ? field.length : null,
          picklistValues: (field.picklistValues ?? []).filter((entry) => entry.active).map((entry) => entry.value),
          restrictedPicklist: field.restrictedPicklist,
          createable: field.createable,
          updateable: field.updateable,
          nillable: field.nillable,
          defaultedOnCreate: field.defaultedOnCreate,
          requiredForCreate: required.has(field.name),
          supported: def !== undefined,
          operators: def ? operatorOptions(def) : [],
        };
      })
      .sort((a, b) => a.label.localeCompare(b.label)),
  });
};
