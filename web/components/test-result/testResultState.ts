import type { Task } from '@lit/task';
import type { ConnectionTestResult } from '../../../contracts/api';
import { messageOf } from '../../api/apiError';

/** What `<pd-test-result>` shows for each of a test task's four states. */
export interface TestResultState {
  pending: boolean;
  result: ConnectionTestResult | undefined;
  failure: string | undefined;
}

export function testResultState(task: Task<[], ConnectionTestResult>): TestResultState {
  const none: TestResultState = { pending: false, result: undefined, failure: undefined };
  return task.render({
    initial: () => none,
    pending: () => ({ ...none, pending: true }),
    complete: (result) => ({ ...none, result }),
    error: (error) => ({ ...none, failure: messageOf(error) }),
  });
}
