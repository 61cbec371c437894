import type { AppContext } from '../../context';
import { readObjectMapping } from '../../store/objectMapping';
import type { ObjectMappingReply } from '../../../contracts/authoring';
import { findUserByEmail, pagerDutyDirectory } from './pagerDutyDirectory';

/** The stored mapping with the integration user email and, best effort, the PagerDuty user it matches. */
export async function objectMappingView(ctx: AppContext): Promise<ObjectMappingReply> {
  const [mapping, pagerduty] = await Promise.all([readObjectMapping(ctx.db), ctx.connections.pagerduty()]);
  const email = pagerduty.fromEmail;
  let integrationUser: ObjectMappingReply['integrationUser'] = null;
  let integrationUserProblem: string | null = null;
  if (email) {
    try {
      integrationUser = findUserByEmail(await pagerDutyDirectory(ctx), email) ?? null;
      if (!integrationUser) integrationUserProblem = `No PagerDuty user has the email ${email}.`;
    } catch (error) {
      // The page still shows the mapping when PagerDuty is down; it just cannot name the user.
      integrationUserProblem = (error as Error).message;
    }
  }
  return { ...mapping, integrationUserEmail: email, integrationUser, integrationUserProblem };
}
