import type { Rule } from '../../../../rules';
import type { EditorMetadata } from '../ruleDraft';

/** What the conditions and actions builders need from `<pd-rule-editor>`. */
export interface RuleEditorHost {
  readonly meta: EditorMetadata;
  /** The error the server (or the local check) reported for a path relative to the rule. */
  err(path: string): string | undefined;
  /** Applies an edit to the draft rule; `clear` drops the errors whose path starts with it. */
  changeDraft(change: (rule: Rule) => Rule, clear?: string): void;
  /**
   * Whether a picklist value input shows a text box (a template or a value off the list) rather
   * than the list; undefined until the admin switches, then the value decides.
   */
  freeText(key: string): boolean | undefined;
  setFreeText(key: string, on: boolean): void;
}
