// Writes docs/rules/<id>.md for every practice and built-in rule from the catalogs in schemas/.
// `node scripts/gen-docs.mjs --check` exits 1 when a page is missing or out of date (run by the tests).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';
import { fileURLToPath } from 'url';
import { ruleFiles } from './schema-files.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const read = (name) => JSON.parse(readFileSync(join(root, 'schemas', name), 'utf8'));
const practices = read('practices.json');
const builtins = read('builtin-rules.json');
const levelName = (l) => practices.levels.find((x) => x.level === l)?.name ?? String(l);

function rulePage(r) {
  const fence = (text, lang) => ['```' + lang, text.replace(/\n$/, ''), '```'];
  const lang = /Dockerfile|requirements|\.txt|\.cfg|config$/.test(r.examples?.file ?? '') ? '' : /\.toml$/.test(r.examples?.file ?? '') ? 'toml' : 'yaml';
  const fixes = r.fixes ?? [];
  const fixText = r.fixDescription ?? (fixes.length ? fixes.map((f) => `${f.title.replace(/\{[\w.$-]+\}/g, '…')}${f.safe ? ' (safe: applied by fix-all and \`mlmaturity --fix\`)' : ' (offered as a quick-fix; not applied by fix-all)'}`).join('; ') + '.' : 'No automatic fix.');
  return [
    `# ${r.id}: ${r.title}`,
    '',
    `Rule · default severity ${r.severity} · level ${r.level} (${levelName(r.level)})${r.practice ? ` · feeds [${r.practice}](${r.practice}.md)` : ''} · reads ${r.target.kinds.join(', ')} files`,
    '',
    '## Why',
    '',
    r.rationale,
    '',
    ...(r.examples ? ['## Bad', '', ...(r.examples.file ? [`\`${r.examples.file}\``, ''] : []), ...fence(r.examples.bad, lang), '', '## Good', '', ...fence(r.examples.good, lang), ''] : []),
    '## Fix',
    '',
    fixText,
    '',
    '## Configuration',
    '',
    '```yaml',
    'rules:',
    `  ${r.id}: off   # or hint, info, warning, error`,
    '```',
    '',
    `Or silence one place with a comment on the line or the line before: \`# mlmaturity: ignore[${r.id}]\`.`,
    '',
  ].join('\n');
}

export function pages() {
  const out = new Map();
  for (const p of practices.practices) {
    out.set(`${p.id}.md`, [
      `# ${p.id}: ${p.title}`,
      '',
      `Practice · level ${p.level} (${levelName(p.level)}) · category ${p.category}`,
      '',
      '## What counts',
      '',
      p.description,
      '',
      '## Why it matters',
      '',
      p.missing,
      ...(p.partialText ? ['', `Partly met: ${p.partialText}`, ''] : ['']),
      '## How to get there',
      '',
      `${p.advice.charAt(0).toUpperCase()}${p.advice.slice(1)}. Tools that do it: ${p.tools.join(', ')}.`,
      '',
      '## Configuration',
      '',
      'Weigh it, or leave it out of the score, in `.mlmaturity.yml`:',
      '',
      '```yaml',
      'practices:',
      `  ${p.id}: 2      # weight; or "off"`,
      'rules:',
      `  ${p.id}: info   # severity of its findings: off, hint, info, warning, error`,
      '```',
      '',
    ].filter((l, i, a) => !(l === '' && a[i - 1] === '')).join('\n'));
  }
  for (const r of builtins.rules) {
    out.set(`${r.id.replace(/\//g, '-')}.md`, [
      `# ${r.id}: ${r.title}`,
      '',
      `Rule · default severity ${r.severity}`,
      '',
      r.description,
      '',
      '## Configuration',
      '',
      '```yaml',
      'rules:',
      `  ${r.id}: warning   # off, hint, info, warning, error`,
      '```',
      '',
    ].join('\n'));
  }
  for (const file of ruleFiles(join(root, 'schemas', 'rules'))) {
    const r = JSON.parse(readFileSync(file, 'utf8')).rule;
    out.set(`${r.id.replace(/\//g, '-')}.md`, rulePage(r));
  }
  return out;
}

const dir = join(root, 'docs', 'rules');
const check = process.argv.includes('--check');
let stale = 0;
mkdirSync(dir, { recursive: true });
for (const [name, text] of pages()) {
  const file = join(dir, name);
  const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  if (current === text) continue;
  if (check) {
    console.error(`docs/rules/${name} is ${current === undefined ? 'missing' : 'out of date'}: run node scripts/gen-docs.mjs`);
    stale++;
  } else {
    writeFileSync(file, text);
  }
}
process.exitCode = stale ? 1 : 0;
