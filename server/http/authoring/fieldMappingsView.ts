import type { FieldMappingsReply, PagerDutyCustomFieldOption } from '../../../contracts/fieldMappings';
import type { AppContext } from '../../context';
import { readFieldMappings } from '../../store/fieldMappings';
import { listIncidentCustomFields, optionValues } from '../../vendors/pagerduty/customFields';
import { pagerDutyFailure } from '../views/vendorErrors';

/** The account's incident custom fields as the pickers and the save check read them (always fresh: a field added a moment ago counts). */
export async function pagerDutyCustomFields(ctx: AppContext): Promise<PagerDutyCustomFieldOption[]> {
  try {
    const fields = await listIncidentCustomFields(await ctx.sessions.pagerduty.client());
    return fields
      .map((field) => ({
        id: field.id,
        name: field.name,
        displayName: field.display_name,
        description: field.description,
        dataType: field.data_type,
        fieldType: field.field_type,
        options: optionValues(field),
      }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName));
  } catch (error) {
    throw pagerDutyFailure(error, 'listing the incident custom fields');
  }
}

/** The stored mappings and, best effort, the account's fields (the table still shows when PagerDuty is down). */
export async function fieldMappingsView(ctx: AppContext, known?: PagerDutyCustomFieldOption[]): Promise<FieldMappingsReply> {
  const mappings = await readFieldMappings(ctx.db);
  let pagerDutyFields: PagerDutyCustomFieldOption[] = known ?? [];
  let pagerDutyFieldsProblem: string | null = null;
  if (!known) {
    try {
      pagerDutyFields = await pagerDutyCustomFields(ctx);
    } catch (error) {
      pagerDutyFieldsProblem = (error as Error).message;
    }
  }
  return {
    mappings: mappings.map((mapping) => ({
      caseField: mapping.caseField,
      caseFieldType: mapping.caseFieldType,
      pagerDutyFieldId: mapping.pagerDutyField.id,
      pagerDutyFieldLabel: mapping.pagerDutyField.displayName,
      direction: mapping.direction,
      valueMap: mapping.valueMap,
    })),
    pagerDutyFields,
    pagerDutyFieldsProblem,
  };
}
