import { describe, expect, it } from 'vitest';
import type { CaseFieldMetadata } from '../../../../contracts/authoring';
import type { PagerDutyCustomFieldOption } from '../../../../contracts/fieldMappings';
import { SKIP, draftsFrom, errorsByRow, localErrors, newDraft, presetValueMap, requestFrom, valueMapSummary } from './fieldMappingsForm';

const tierCase = { name: 'Tier__c', label: 'Tier', type: 'picklist', picklistValues: ['Gold', 'Platinum', 'Trial'] } as CaseFieldMetadata;
const subject = { name: 'Subject', label: 'Subject', type: 'string', picklistValues: [] as string[] } as CaseFieldMetadata;
const tierPd: PagerDutyCustomFieldOption = {
  id: 'PTIER',
  name: 'customer_tier',
  displayName: 'Customer tier',
  description: null,
  dataType: 'string',
  fieldType: 'single_value_fixed',
  options: ['gold', 'Silver'],
};

describe('custom field mappings form', () => {
  it('presets picklist values to options of the same name, keeps earlier choices, and counts what is left', () => {
    const preset = presetValueMap(tierCase.picklistValues, tierPd.options, { Trial: SKIP });
    expect(preset).toEqual({ Gold: 'gold', Platinum: '', Trial: SKIP });
    expect(valueMapSummary(tierCase.picklistValues, preset)).toBe('1 mapped, 1 skipped, 1 to choose');
  });

  it('sends a value map only for a picklist ⇄ fixed options, without the values left to choose', () => {
    const [draft] = draftsFrom([
      {
        caseField: 'Tier__c',
        caseFieldType: 'picklist',
        pagerDutyFieldId: 'PTIER',
        pagerDutyFieldLabel: 'Customer tier',
        direction: 'both',
        valueMap: [{ caseValue: 'Trial', pagerDutyValue: null }],
      },
    ]);
    const row = { ...draft!, valueMap: { ...draft!.valueMap, Gold: 'gold', Platinum: '' } };
    const text = { ...newDraft(), caseField: 'Subject', pagerDutyFieldId: 'PTIER', valueMap: { Gold: 'gold' } };
    expect(requestFrom([row, text], [tierCase, subject], [tierPd]).mappings).toEqual([
      {
        caseField: 'Tier__c',
        pagerDutyFieldId: 'PTIER',
        direction: 'both',
        valueMap: [
          { caseValue: 'Trial', pagerDutyValue: null },
          { caseValue: 'Gold', pagerDutyValue: 'gold' },
        ],
      },
      { caseField: 'Subject', pagerDutyFieldId: 'PTIER', direction: 'both', valueMap: [] },
    ]);
  });

  it('places problems in their row and column', () => {
    expect(localErrors([{ ...newDraft(), caseField: 'Subject' }])).toEqual(new Map([['mappings.0.pagerDutyFieldId', 'Choose a PagerDuty field']]));
    const { rows, general } = errorsByRow(
      new Map([
        ['mappings.1.valueMap.0.pagerDutyValue', 'no such option'],
        ['mappings.1.valueMap', 'map Trial'],
        ['mappings.0.caseField', 'no such field'],
        ['mappings', 'At most 100 mappings'],
      ]),
    );
    expect(rows.get(1)).toEqual({ valueMap: 'no such option' });
    expect(rows.get(0)).toEqual({ caseField: 'no such field' });
    expect(general).toEqual(['At most 100 mappings']);
  });
});
