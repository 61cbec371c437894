import { AppError } from '../../errors';
import type { AgentClaims } from '../../security/agentAuth';
import { salesforceRecordId } from '../../vendors/salesforce/recordId';

/**
 * The Case an agent's token was issued for: the verified Canvas request named it, never the page.
 * A token of a location without a Case (the Status Dashboard) reaches no Case's data.
 */
export function agentCaseIdOf(agent: Pick<AgentClaims, 'recordId' | 'recordType'>): string {
  if (!agent.recordId || (agent.recordType !== null && agent.recordType !== 'Case')) {
    throw new AppError('not_found', 'The PagerDuty console works on a Case: add it to the Case record page.');
  }
  return salesforceRecordId(agent.recordId);
}
