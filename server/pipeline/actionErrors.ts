/**
 * An action PagerDuty or Salesforce refused for a reason only the admin can fix (an id in the
 * rule that does not exist, a setting missing): never retried, shown in SYNC LOG with the hint.
 */
export class ActionRejected extends Error {
  override readonly name = 'ActionRejected';

  constructor(
    message: string,
    readonly hint: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
