import { LineIndex, type Range } from '../text';
import { holdsNoContent } from './files';

/**
 * What is still asked of a file's text once a session has let it go: whether it holds anything
 * (a practice is not anchored on an empty file), and where its first line is (the range of a
 * finding anchored there). Without them, such findings moved to another file, or to an empty
 * range, at the first analysis after the texts had gone.
 */
export interface TextSummary {
  /** As `holdsNoContent` with `#` and `//` comments, which covers Python's. */
  empty: boolean;
  firstLine: Range;
}

/**
 * The paths whose texts a session let go. A summary is made when first asked for, from the file
 * read again: only the first few Python files of a project are ever asked about, and summing up
 * all 12,000 as they went took 12-17 ms of the first analysis of the 20,000-file benchmark tree.
 */
export class ReleasedTexts {
  private readonly paths = new Set<string>();
  /** Undefined for a file that could not be read again. */
  private readonly summaries = new Map<string, TextSummary | undefined>();

  constructor(private readonly readAgain: (path: string) => string | undefined) {}

  add(path: string): void {
    this.paths.add(path);
  }

  summary(path: string): TextSummary | undefined {
    if (!this.paths.has(path)) return undefined;
    if (!this.summaries.has(path)) {
      const text = this.readAgain(path);
      this.summaries.set(path, text === undefined ? undefined : { empty: holdsNoContent(text), firstLine: new LineIndex(text).lineRange(0, true) });
    }
    return this.summaries.get(path);
  }

  has(path: string): boolean {
    return this.paths.has(path);
  }

  delete(path: string): void {
    this.paths.delete(path);
    this.summaries.delete(path);
  }

  get size(): number {
    return this.paths.size;
  }

  /** Forgets the paths not in `present`. */
  retain(present: Set<string>): void {
    for (const p of this.paths) if (!present.has(p)) this.delete(p);
  }
}
