import type { DescribeSObjectResult } from '@jsforce/jsforce-node';
import { buildFieldCatalog, caseFieldInfoFromDescribe, type FieldCatalog } from '../../../rules';
import type { AppContext } from '../../context';
import { salesforceFailure } from '../views/vendorErrors';

/** A picklist value as the describe reports it. */
export interface DescribePicklistEntry {
  value: string;
  label: string | null;
  active: boolean;
  defaultValue: boolean;
}

/** A Case field of the describe, its picklist values typed (jsforce leaves them `any`). */
export type CaseDescribeField = Omit<DescribeSObjectResult['fields'][number], 'picklistValues'> & { picklistValues?: DescribePicklistEntry[] | null };

/** The live Case describe (cached by the Salesforce session), failures as API errors. */
export async function caseDescribeFields(ctx: AppContext): Promise<CaseDescribeField[]> {
  try {
    return (await ctx.sessions.salesforce.describeCase()).fields;
  } catch (error) {
    throw salesforceFailure(error, 'describing the Case object');
  }
}

/** The rules engine's field catalog over the live describe: what rules are checked against. */
export async function liveCatalog(ctx: AppContext): Promise<FieldCatalog> {
  return buildFieldCatalog(caseFieldInfoFromDescribe(await caseDescribeFields(ctx)));
}
