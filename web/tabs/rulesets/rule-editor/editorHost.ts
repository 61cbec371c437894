import type { Rule } from '../../../../rules';
import type { EditorMetadata } from '../ruleDraft';

/** What the conditions and actions builders need from `<pd-rule-editor>`. */
export interface RuleEditorHost {
  readonly meta: EditorMetadata;
  /** The error the server (or the local check) reported for a path relative to the rule. */
  err(path: string): string | undefined;
  /** Applies an edit to the draft rule; `clear` drops the errors whose path starts with it. */
  changeDraft(change: (rule: Rule) => Rule, clear?: string): void;
}
