import { parsePointer, type NodePart, type StructuredDoc } from './document';
import type { IniFile } from './ini';

/** An INI file as a document: `/<section>/<key>`; the first section of a name wins. */
export function iniDocument(file: IniFile): StructuredDoc {
  const value: Record<string, Record<string, string>> = {};
  for (const s of file.sections) {
    const section = (value[s.name] ??= {});
    for (const e of s.entries) if (!(e.key in section)) section[e.key] = e.value;
  }
  return {
    value,
    problems: file.problems,
    locate(pointer: string, part: NodePart = 'value') {
      const [name, key] = parsePointer(pointer);
      const section = file.sections.find((s) => s.name === name);
      if (!section) return undefined;
      if (key === undefined) return section.range;
      const entry = section.entries.find((e) => e.key === key);
      return entry && part === 'key' ? entry.keyRange : entry?.keyRange;
    },
  };
}
