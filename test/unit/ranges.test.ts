import * as assert from 'assert';
import { parseDockerfile } from '../../server/src/core/parse/dockerfile';
import { formatPointer, parsePointer } from '../../server/src/core/parse/document';
import { parseIni } from '../../server/src/core/parse/ini';
import { parseJson } from '../../server/src/core/parse/json';
import { parseRequirements } from '../../server/src/core/parse/requirements';
import { parseToml } from '../../server/src/core/parse/toml';
import { parseYaml } from '../../server/src/core/parse/yaml';
import { LineIndex, range, type Range } from '../../server/src/core/text';

describe('JSON pointers', () => {
  it('unescapes every ~1 and ~0, in that order', () => {
    assert.deepStrictEqual(parsePointer('/a~1b~1c/m~0n~0o/~01'), ['a/b/c', 'm~n~o', '~1']);
    assert.deepStrictEqual(parsePointer(''), []);
    assert.strictEqual(formatPointer(['a/b', '~x', 0]), '/a~1b/~0x/0');
    assert.deepStrictEqual(parsePointer(formatPointer(['on/push', '~0'])), ['on/push', '~0']);
  });
});

describe('YAML ranges', () => {
  const text = 'stages:\n  train:\n    cmd: python train.py   # run it\n    deps:\n      - src/train.py\n      - "data/x y.csv"\n"a/b": 1\n';
  const doc = parseYaml(text).documents[0];

  it('a key and its value', () => {
    assert.deepStrictEqual(doc.locate('/stages/train', 'key'), range(1, 2, 1, 7));
    assert.deepStrictEqual(doc.locate('/stages/train/cmd'), range(2, 9, 2, 24));
  });
  it('a sequence item', () => {
    assert.deepStrictEqual(doc.locate('/stages/train/deps/1'), range(5, 8, 5, 22));
  });
  it('a key with a slash, through an escaped pointer', () => {
    assert.deepStrictEqual(doc.locate('/a~1b', 'key'), range(6, 0, 6, 5));
  });
  it('a missing key has no range (the caller reports on the parent key)', () => {
    assert.strictEqual(doc.locate('/stages/train/outs'), undefined);
  });
  it('a syntax error has a precise range, not an exception', () => {
    const broken = parseYaml('a: 1\nb: [1, 2\nc: 3\n');
    assert.ok(broken.problems.length > 0);
    assert.strictEqual(broken.problems[0].severity, 'error');
    assert.ok(broken.problems[0].range.start.line >= 1);
  });
  it('multi-document files keep each document', () => {
    const y = parseYaml('kind: A\n---\nkind: B\nspec:\n  x: 1\n');
    assert.strictEqual(y.documents.length, 2);
    assert.deepStrictEqual(y.documents[1].locate('/spec/x'), range(4, 5, 4, 6));
  });
  it('an alias bomb fails fast with a problem', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill('*' + String.fromCharCode(96 + i)).join(',')}]`);
    const y = parseYaml(bomb.join('\n') + '\n');
    assert.ok(y.problems.some((p) => /alias|excessive/i.test(p.message)), JSON.stringify(y.problems));
  });
  it('CRLF and a lone CR end lines too', () => {
    const crlf = parseYaml('a: 1\r\nb:\r\n  c: 2\r\n').documents[0];
    assert.deepStrictEqual(crlf.locate('/b/c'), range(2, 5, 2, 6));
    const index = new LineIndex('x\ry\r\nz');
    assert.deepStrictEqual(index.positionAt(2), { line: 1, character: 0 });
    assert.deepStrictEqual(index.positionAt(5), { line: 2, character: 0 });
  });
  it('the first line of a text, trimmed, whatever ends it', () => {
    const cases: [string, Range][] = [
      ['', range(0, 0, 0, 0)],
      ['x', range(0, 0, 0, 1)],
      ['  import os  \nx = 1\n', range(0, 2, 0, 11)],
      ['a\r\nb', range(0, 0, 0, 1)],
      ['\tab\rcd', range(0, 1, 0, 3)],
      ['   \nx', range(0, 3, 0, 3)],
      ['\n\nx', range(0, 0, 0, 0)],
    ];
    for (const [text, expected] of cases) {
      assert.deepStrictEqual(new LineIndex(text).lineRange(0, true), expected, JSON.stringify(text));
    }
  });
});

describe('TOML ranges', () => {
  const text = '[project]\nname = "churn"\ndependencies = [\n  "pandas>=2",\n  "numpy==1.26.4",\n]\n\n[tool.poetry.dependencies]\npython = "^3.10"\n\n[[tool.x]]\na = 1\n[[tool.x]]\na = 2\n';
  const doc = parseToml(text);
  it('a key and a value', () => {
    assert.deepStrictEqual(doc.locate('/project/name', 'key'), range(1, 0, 1, 4));
    assert.deepStrictEqual(doc.locate('/project/name'), range(1, 7, 1, 14));
  });
  it('an array item', () => {
    assert.deepStrictEqual(doc.locate('/project/dependencies/1'), range(4, 2, 4, 17));
  });
  it('a table header for a table key', () => {
    assert.deepStrictEqual(doc.locate('/tool/poetry/dependencies', 'key'), range(7, 13, 7, 25));
    assert.deepStrictEqual(doc.locate('/tool', 'key'), range(7, 1, 7, 5));
  });
  it('arrays of tables', () => {
    assert.deepStrictEqual(doc.locate('/tool/x/1/a'), range(13, 4, 13, 5));
  });
  it('a syntax error becomes a problem with a position', () => {
    const broken = parseToml('[project]\nname = \n');
    assert.strictEqual(broken.value, undefined);
    assert.strictEqual(broken.problems[0].range.start.line, 1);
  });
});

describe('JSON ranges', () => {
  it('keys, values and array items; comments allowed', () => {
    const doc = parseJson('{\n  // dev\n  "build": {"dockerfile": "Dockerfile"},\n  "features": [1, 2]\n}\n');
    assert.deepStrictEqual(doc.locate('/build', 'key'), range(2, 2, 2, 9));
    assert.deepStrictEqual(doc.locate('/build/dockerfile'), range(2, 26, 2, 38));
    assert.deepStrictEqual(doc.locate('/features/1'), range(3, 18, 3, 19));
  });
  it('a syntax error has a range', () => {
    const doc = parseJson('{"a": 1,, }');
    assert.ok(doc.problems.length > 0);
    assert.strictEqual(doc.problems[0].range.start.line, 0);
  });
});

describe('requirements.txt', () => {
  const text = [
    '# comment',
    '-r base.txt',
    '-c constraints.txt',
    'pandas==2.2.2  # pinned',
    'scikit-learn >= 1.4, < 2',
    'torch[cuda]==2.3.1 ; python_version >= "3.10"',
    'requests \\',
    '    ==2.32.3',
    '-e .',
    'git+https://github.com/org/repo.git@0123456789abcdef0123456789abcdef01234567#egg=repo',
    'git+https://github.com/org/other.git@main#egg=other',
    'numpy==1.26.4 --hash=sha256:abc',
    'not a requirement!',
    '-e ./libs/shared',
  ].join('\n');
  const reqs = parseRequirements(text);

  it('parses names, specifiers and pin status', () => {
    assert.deepStrictEqual(
      reqs.requirements.map((r) => [r.normalized, r.specifier ? r.specifier : r.url ? 'url' : '', r.pinned]),
      [
        ['pandas', '==2.2.2', true],
        ['scikit-learn', '>= 1.4, < 2', false],
        ['torch', '==2.3.1', true],
        ['requests', '==2.32.3', true],
        ['repo', 'url', true],
        ['other', 'url', false],
        ['numpy', '==1.26.4', true],
      ],
    );
  });
  it('ranges cover the requirement without its comment', () => {
    assert.deepStrictEqual(reqs.requirements[0].range, range(3, 0, 3, 13));
    assert.deepStrictEqual(reqs.requirements[0].nameRange, range(3, 0, 3, 6));
    assert.deepStrictEqual(reqs.requirements[2].range, range(5, 0, 5, 45));
  });
  it('a continued line keeps the position of its first line', () => {
    assert.strictEqual(reqs.requirements[3].line, 6);
  });
  it('includes, constraints and local paths', () => {
    assert.deepStrictEqual(reqs.includes.map((i) => [i.path, i.constraint, i.line]), [['base.txt', false, 1], ['constraints.txt', true, 2]]);
    assert.deepStrictEqual(reqs.localPaths.map((l) => l.path), ['.', './libs/shared']);
  });
  it('an invalid line is a problem on that line', () => {
    assert.strictEqual(reqs.problems.length, 1);
    assert.deepStrictEqual(reqs.problems[0].range, range(12, 0, 12, 18));
  });
});

describe('Dockerfile', () => {
  const text = '# syntax=docker/dockerfile:1\nFROM python:3.11 AS base\nRUN pip install \\\n    # a comment inside\n    numpy\n\nFROM base\nEXPOSE 8000\nBOGUS x\n';
  const docker = parseDockerfile(text);
  it('instructions, continuation lines and stages', () => {
    assert.deepStrictEqual(docker.instructions.map((i) => [i.keyword, i.args, i.line, i.stage]), [
      ['FROM', 'python:3.11 AS base', 1, 0],
      ['RUN', 'pip install numpy', 2, 0],
      ['FROM', 'base', 6, 1],
      ['EXPOSE', '8000', 7, 1],
    ]);
    assert.deepStrictEqual(docker.instructions[1].range, range(2, 0, 4, 9));
  });
  it('an unknown instruction is a problem on its keyword', () => {
    assert.deepStrictEqual(docker.problems.map((p) => p.range), [range(8, 0, 8, 5)]);
  });
});

describe('INI', () => {
  it('sections, entries and continuation values', () => {
    const ini = parseIni("[core]\n    remote = storage\n['remote \"storage\"']\n    url = s3://bucket/path\n[options]\ninstall_requires =\n    numpy\n    pandas\n");
    assert.deepStrictEqual(ini.sections.map((s) => s.name), ['core', '\'remote "storage"\'', 'options']);
    assert.deepStrictEqual(ini.sections[0].entries[0].keyRange, range(1, 4, 1, 10));
    assert.strictEqual(ini.sections[2].entries[0].value, '\nnumpy\npandas');
  });
});

describe('approximate YAML key positions (evidence)', () => {
  const { approximateKeyRange } = require('../../server/src/core/parse/yaml') as typeof import('../../server/src/core/parse/yaml');
  it('follow the path below each parent, and agree with the full parse on ordinary files', () => {
    const text = 'prepare:\n  seed: 1\ntrain:\n  # comment\n  "seed": 42\n  layers:\n    - size: 3\n      dropout: 0.1\n';
    const index = new LineIndex(text);
    const full = parseYaml(text).documents[0];
    for (const pointer of ['/prepare/seed', '/train/seed', '/train/layers/0/dropout', '/train']) {
      assert.deepStrictEqual(approximateKeyRange(index, pointer.slice(1).split('/')), full.locate(pointer, 'key'), pointer);
    }
    // A mapping item: where it starts (the full parse spans all its lines).
    assert.deepStrictEqual(approximateKeyRange(index, ['train', 'layers', '0'])?.start, full.locate('/train/layers/0')?.start);
    assert.strictEqual(approximateKeyRange(index, ['missing']), undefined);
  });

  it('read CRLF lines, quoted keys and keys on an item\'s dash line, and never match across a line end', () => {
    const text = "stages:\r\n  'a.b':\r\n    outs:\r\n      - path: x\r\n        cache: false\r\n  c\r\n  :\r\n";
    const index = new LineIndex(text);
    const full = parseYaml(text.replace(/  c\r\n  :\r\n/, '')).documents[0];
    for (const pointer of ['/stages/a.b', '/stages/a.b/outs/0/path', '/stages/a.b/outs/0/cache']) {
      assert.deepStrictEqual(approximateKeyRange(index, parsePointer(pointer)), full.locate(pointer, 'key'), pointer);
    }
    assert.strictEqual(approximateKeyRange(index, ['stages', 'c']), undefined, 'a key and its colon on different lines is no key');
  });
});
