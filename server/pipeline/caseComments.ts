import type { SalesforceWriter } from '../vendors/salesforce/batchingWriter';
import type { SalesforceSession } from '../vendors/salesforce/session';
import { soqlString } from '../vendors/salesforce/soql';
import type { Job } from './jobQueue';
import { sameTextKey, type OwnWrites } from './ownWrites';

export interface CaseCommentDeps {
  ownWrites: OwnWrites;
  salesforce: SalesforceSession;
  writer: SalesforceWriter;
}

/**
 * Adds a Case comment; on a retry, first checks whether the previous attempt already added it.
 * The comment is remembered before it is written, so its echo is recognised whenever it arrives.
 */
export async function addCaseCommentOnce(deps: CaseCommentDeps, job: Job, caseId: string, body: string, isPublished: boolean): Promise<string> {
  if (job.attempts > 1) {
    const found = await deps.salesforce.run(
      async (connection) =>
        await connection.query<{ Id: string; CommentBody: string }>(
          `SELECT Id, CommentBody FROM CaseComment WHERE ParentId = ${soqlString(caseId)} ORDER BY CreatedDate DESC LIMIT 50`,
        ),
    );
    const existing = found.records.find((comment) => sameTextKey(comment.CommentBody) === sameTextKey(body));
    if (existing) return existing.Id;
  }
  await deps.ownWrites.remember('case_comment', caseId, body);
  return deps.writer.create('CaseComment', { ParentId: caseId, CommentBody: body, IsPublished: isPublished });
}
