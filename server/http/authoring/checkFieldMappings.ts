import type { FieldMappingRowRequest, PagerDutyCustomFieldOption } from '../../../contracts/fieldMappings';
import { needsValueMap, typeMismatch } from '../../pipeline/fieldMappingValues';
import type { FieldMapping } from '../../store/fieldMappings';
import type { CaseDescribeField } from './caseDescribe';
import type { FieldProblem } from './checkObjectMapping';

type Row = Required<FieldMappingRowRequest>;

/**
 * Checks the custom field mappings against the live Case describe and the account's incident
 * custom fields: each field exists, the types fit the direction, a picklist ⇄ fixed-options pair
 * maps every picklist value (or skips it) to an existing option, and no field would receive
 * values from two mappings. Answers the problems (path + what to do) and, when there are none,
 * the mappings as stored.
 */
export function checkFieldMappings(
  rows: readonly Row[],
  describe: readonly CaseDescribeField[],
  pagerDutyFields: readonly PagerDutyCustomFieldOption[],
): { problems: FieldProblem[]; mappings: FieldMapping[] } {
  const caseFields = new Map(describe.map((field) => [field.name.toLowerCase(), field]));
  const pdFields = new Map(pagerDutyFields.map((field) => [field.id, field]));
  const problems: FieldProblem[] = [];
  const mappings: FieldMapping[] = [];
  const pdFieldRows = new Map<string, number>();
  const receivingCaseFields = new Map<string, number>();

  rows.forEach((row, index) => {
    const at = `mappings.${index}`;
    const caseField = caseFields.get(row.caseField.toLowerCase());
    const pdField = pdFields.get(row.pagerDutyFieldId);
    if (!caseField) problems.push({ path: `${at}.caseField`, message: `The Case has no field ${row.caseField}: choose one from the list` });
    if (!pdField)
      problems.push({
        path: `${at}.pagerDutyFieldId`,
        message: `PagerDuty has no incident custom field with the id ${row.pagerDutyFieldId}: choose one from the list (it may have been deleted)`,
      });
    if (!caseField || !pdField) return;

    const mismatch = typeMismatch(
      { label: caseField.label, type: caseField.type, scale: caseField.scale, updateable: caseField.updateable },
      pdField,
      row.direction,
    );
    if (mismatch) {
      problems.push({ path: `${at}.pagerDutyFieldId`, message: mismatch });
      return;
    }
    const earlier = pdFieldRows.get(pdField.id);
    if (earlier !== undefined)
      problems.push({
        path: `${at}.pagerDutyFieldId`,
        message: `${pdField.displayName} is already mapped in row ${earlier + 1}: map each PagerDuty field once`,
      });
    pdFieldRows.set(pdField.id, index);
    if (row.direction !== 'to_pagerduty') {
      const receiving = receivingCaseFields.get(caseField.name);
      if (receiving !== undefined)
        problems.push({
          path: `${at}.caseField`,
          message: `${caseField.label} already receives PagerDuty's values in row ${receiving + 1}: one PagerDuty field per Case field`,
        });
      receivingCaseFields.set(caseField.name, index);
    }

    // A value map means something only between a picklist and fixed options; elsewhere it is dropped.
    const mapsValues = needsValueMap(caseField.type, pdField);
    if (mapsValues) problems.push(...valueMapProblems(at, row, caseField, pdField));
    mappings.push({
      caseField: caseField.name,
      caseFieldType: caseField.type,
      pagerDutyField: {
        id: pdField.id,
        name: pdField.name,
        displayName: pdField.displayName,
        dataType: pdField.dataType,
        fieldType: pdField.fieldType,
        options: pdField.options,
      },
      direction: row.direction,
      valueMap: mapsValues ? row.valueMap : [],
    });
  });
  return { problems, mappings };
}

/** Every active picklist value mapped to an option or skipped; every option named exists; each picklist value once. */
function valueMapProblems(at: string, row: Row, caseField: CaseDescribeField, pdField: PagerDutyCustomFieldOption): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const picklist = (caseField.picklistValues ?? []).filter((entry) => entry.active).map((entry) => entry.value);
  const seen = new Set<string>();
  row.valueMap.forEach((entry, index) => {
    if (!picklist.includes(entry.caseValue))
      problems.push({ path: `${at}.valueMap.${index}.caseValue`, message: `${caseField.label} has no picklist value "${entry.caseValue}": remove this line` });
    if (seen.has(entry.caseValue))
      problems.push({ path: `${at}.valueMap.${index}.caseValue`, message: `"${entry.caseValue}" is mapped twice: keep one line per picklist value` });
    seen.add(entry.caseValue);
    if (entry.pagerDutyValue !== null && !pdField.options.includes(entry.pagerDutyValue))
      problems.push({
        path: `${at}.valueMap.${index}.pagerDutyValue`,
        message: `${pdField.displayName} has no option "${entry.pagerDutyValue}": choose one of ${pdField.options.map((option) => `"${option}"`).join(', ')}, or skip the value`,
      });
  });
  const unmapped = picklist.filter((value) => !seen.has(value));
  if (unmapped.length > 0)
    problems.push({
      path: `${at}.valueMap`,
      message: `Map each picklist value of ${caseField.label} to an option of ${pdField.displayName}, or skip it: ${unmapped.map((value) => `"${value}"`).join(', ')} ${unmapped.length === 1 ? 'is' : 'are'} neither`,
    });
  return problems;
}
