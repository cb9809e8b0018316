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

/** A concrete fix: minimal edits, computed when the finding is made, carried as the finding's data. */
export interface Fix {
  title: string;
  /** Safe fixes change nothing but what the rule is about and guess nothing; fix-all applies only these. */
  safe: boolean;
  isPreferred: boolean;
  edits: TextEdit[];
  creates: FileCreate[];
  /** Text with `${1:placeholder}` tab stops, for editors that take snippets; never applied by fix-all. */
  snippet?: boolean;
}
