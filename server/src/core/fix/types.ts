import type { Range } from '../text';

/** One text replacement in one file; `range` is in the file's text before any edit. */
export interface TextEdit {
  file: string;
  range: Range;
  newText: string;
}

/** A file the fix creates (it must not exist yet). */
export interface FileCreate {
  file: string;
  text: string;
}

/**
 * A concrete fix: minimal edits. Title and safety are known when the finding is made; the edits are
 * computed when first read, and are empty when the file changed since or the edit no longer applies.
 */
export interface Fix {
  title: string;
  /** Safe fixes change nothing but what the rule is about and guess nothing; fix-all applies only these. */
  safe: boolean;
  isPreferred: boolean;
  readonly edits: TextEdit[];
  readonly creates: FileCreate[];
  /** Text with `${1:placeholder}` tab stops, for editors that take snippets; never applied by fix-all. */
  snippet?: boolean;
}
