import * as assert from 'assert';
import Ajv2020 from 'ajv/dist/2020';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { schemasDir } from '../../server/src/core/catalog';

const read = (name: string) => JSON.parse(fs.readFileSync(path.join(schemasDir(), name), 'utf8'));
const spec = path.join(schemasDir(), '..', '..', 'shared', 'spec', 'practices.md');

describe('schemas/ catalogs', () => {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  for (const [data, schema] of [
    ['practices.json', 'practices.schema.json'],
    ['tools.json', 'tools.schema.json'],
    ['file-kinds.json', 'file-kinds.schema.json'],
    ['ci-commands.json', 'ci-commands.schema.json'],
    ['builtin-rules.json', 'builtin-rules.schema.json'],
  ]) {
    it(`${data} is valid against ${schema}`, () => {
      const validate = ajv.compile(read(schema));
      const ok = validate(read(data));
      assert.ok(ok, JSON.stringify(validate.errors, null, 2));
    });
  }

  it('every rule file is valid against the rule meta-schema, with a known view and file kinds', () => {
    const validate = ajv.compile(read('rule.schema.json'));
    const kinds = new Set(read('file-kinds.json').kinds.map((k: { kind: string }) => k.kind));
    const dir = path.join(schemasDir(), 'rules');
    const files = fs.readdirSync(dir).flatMap((g) => fs.readdirSync(path.join(dir, g)).map((f) => path.join(dir, g, f)));
    assert.ok(files.length >= 39, `${files.length} rule files`);
    const { VIEWS } = require('../../server/src/core/rules/views') as typeof import('../../server/src/core/rules/views');
    for (const file of files) {
      const rule = JSON.parse(fs.readFileSync(file, 'utf8'));
      assert.strictEqual(validate(rule), true, `${file}: ${JSON.stringify(validate.errors)}`);
      assert.strictEqual(`${path.basename(path.dirname(file))}/${path.basename(file, '.json')}`, rule.rule.id, 'file name = rule id');
      for (const k of rule.rule.target.kinds) assert.ok(kinds.has(k) || k === 'project', `${rule.rule.id}: kind ${k}`);
      if (rule.rule.target.view) assert.ok(VIEWS[rule.rule.target.view], `${rule.rule.id}: view ${rule.rule.target.view}`);
      // The engine compiles `when` schemas without checking them (no meta-schema at start-up): they are checked here.
      for (const fix of rule.rule.fixes ?? []) if (fix.when) assert.strictEqual(ajv.validateSchema(fix.when), true, `${rule.rule.id}: when ${JSON.stringify(ajv.errors)}`);
    }
  });

  it('the rule ids of rules.md all exist', function () {
    const rulesMd = path.join(schemasDir(), '..', '..', 'shared', 'spec', 'rules.md');
    if (!fs.existsSync(rulesMd)) this.skip();
    const ids = [...fs.readFileSync(rulesMd, 'utf8').matchAll(/^\| ([a-z0-9-]+\/[a-z0-9-]+) \|/gm)].map((m) => m[1]);
    const { ruleRegistry } = require('../../server/src/core/rules/registry') as typeof import('../../server/src/core/rules/registry');
    const missing = ids.filter((id) => !ruleRegistry().has(id));
    assert.deepStrictEqual(missing, []);
    assert.ok(ids.length >= 40, `${ids.length} ids in rules.md`);
  });

  it('every regular expression in the catalogs compiles', () => {
    for (const t of read('tools.json').tools) {
      for (const d of t.detectors) {
        for (const c of d.code ?? []) assert.doesNotThrow(() => new RegExp(c), `${t.id}: ${c}`);
        for (const c of d.config ?? []) assert.doesNotThrow(() => new RegExp(c.pattern), `${t.id}: ${c.pattern}`);
      }
    }
    for (const s of read('ci-commands.json').signals) for (const p of [...s.patterns, ...s.actions]) assert.doesNotThrow(() => new RegExp(p), p);
  });

  it('the generated docs pages are up to date', () => {
    const run = spawnSync(process.execPath, [path.join(schemasDir(), '..', 'scripts', 'gen-docs.mjs'), '--check'], { encoding: 'utf8' });
    assert.strictEqual(run.status, 0, run.stderr);
  });

  it('every practice has a docs page', () => {
    for (const p of read('practices.json').practices) {
      assert.ok(fs.existsSync(path.join(schemasDir(), '..', 'docs', 'rules', `${p.id}.md`)), `docs/rules/${p.id}.md`);
    }
  });

  it('the practice ids are exactly those of the spec', function () {
    if (!fs.existsSync(spec)) this.skip();
    const ids = [...fs.readFileSync(spec, 'utf8').matchAll(/^\| ([a-z]+\.[a-z-]+) \|/gm)].map((m) => m[1]);
    assert.deepStrictEqual(read('practices.json').practices.map((p: { id: string }) => p.id), ids);
  });

  it('signals that practices use are produced by something', () => {
    const produced = new Set<string>();
    for (const t of read('tools.json').tools) for (const d of t.detectors) produced.add(d.signal);
    for (const s of read('ci-commands.json').signals) produced.add(s.signal);
    const source = fs.readdirSync(path.join(schemasDir(), '..', 'server', 'src', 'core', 'model')).map((f) => fs.readFileSync(path.join(schemasDir(), '..', 'server', 'src', 'core', 'model', f), 'utf8')).join('\n');
    for (const m of source.matchAll(/(?:add\(|push\(\[)'([a-z-]+)'/g)) produced.add(m[1]);
    for (const m of source.matchAll(/'([a-z][a-z-]*)' : '([a-z][a-z-]*)'/g)) {
      produced.add(m[1]);
      produced.add(m[2]);
    }
    for (const p of read('practices.json').practices) {
      const used = JSON.stringify(p.met).match(/"required":\["([^"]+)"\]/g) ?? [];
      for (const u of used) {
        const name = u.slice(13, -2);
        assert.ok(produced.has(name), `${p.id} needs signal ${name}, which nothing produces`);
      }
    }
  });
});

describe('precompiled validators', () => {
  it('are built from the current schemas and used', function () {
    const { precompiled } = require('../../server/src/core/rules/precompiled') as typeof import('../../server/src/core/rules/precompiled');
    const built = precompiled();
    assert.ok(built, 'dist/validators.js matches schemas/ (npm run build precompiles them)');
    const { builtinRules } = require('../../server/src/core/rules/load') as typeof import('../../server/src/core/rules/load');
    for (const rule of builtinRules()) assert.strictEqual(rule.validate, built.rules[rule.meta.id], `${rule.meta.id} uses its precompiled validator`);
  });

  it('include every fix condition, and decide as the run-time compiled one does', function () {
    const { precompiled } = require('../../server/src/core/rules/precompiled') as typeof import('../../server/src/core/rules/precompiled');
    const { builtinRules } = require('../../server/src/core/rules/load') as typeof import('../../server/src/core/rules/load');
    const Ajv2020 = (require('ajv/dist/2020') as typeof import('ajv/dist/2020')).default;
    const runtime = new Ajv2020({ strict: false, validateSchema: false });
    const built = precompiled()!;
    const conditions = builtinRules().flatMap((r) => (r.meta.fixes ?? []).flatMap((f) => ((f as { when?: object }).when ? [(f as { when: object }).when] : [])));
    assert.ok(conditions.length >= 10, `${conditions.length} conditions`);
    const contexts = [{}, { keyword: 'required' }, { keyword: 'type' }, { keyword: 'const' }, { keyword: 'anyOf' }, { keyword: 'not' }, { keyword: 'required', missing: 'with' }, { missing: 'cache' },
      { fact: { injection: { hasEnv: false } } }, { fact: { injection: { hasEnv: true } } }, { fact: { duplicate: { sameSpecifier: true } } }, { fact: { duplicate: { sameSpecifier: false } } }];

    for (const when of conditions) {
      const validate = built.when[JSON.stringify(when)];
      assert.ok(validate, `precompiled: ${JSON.stringify(when)}`);
      const verdicts = contexts.map((ctx) => validate(ctx));
      contexts.forEach((ctx, i) => assert.strictEqual(verdicts[i], runtime.validate(when, ctx), `${JSON.stringify(when)} on ${JSON.stringify(ctx)}`));
      assert.ok(verdicts.includes(true) && verdicts.includes(false), `the contexts meet and miss ${JSON.stringify(when)}`);
    }
  });
});

describe('tool catalog file globs', () => {
  it('the one-regex test of every detector glob agrees with picomatch, path by path', () => {
    const { toolCatalog } = require('../../server/src/core/model/tool-catalog') as typeof import('../../server/src/core/model/tool-catalog');
    const picomatch = require('picomatch') as typeof import('picomatch');
    const globs: string[] = read('tools.json').tools.flatMap((t: { detectors: { files?: string[] }[] }) => t.detectors.flatMap((d) => d.files ?? []));
    const reference = picomatch(globs, { dot: true });
    const paths = [
      'MLproject', 'a/MLproject.yaml', 'x/.dvc/config', 'd.dvc', '.dvc', 'conf/base/parameters.yml', 'conf/base/parameters_x.yaml', 'conf/parameters.yml',
      'conf/base/parameters/a/b.yml', 'grafana/x/y.json', 'grafana.json', '.ruff.toml', 'a/.flake8', 'ruff.toml.bak', 'dvc.yaml.x', 'a/b/dashboards/q.json',
      'soda/x/checks.yml', 'config.properties', 'a/config.pbtxt', 'notes.md', 'src/pipeline_registry.py', 'src/pipeline_registry.pyc', 'gx/great_expectations.yml',
    ];
    for (const p of paths) assert.strictEqual(toolCatalog().anyFileGlob(p), reference(p), p);
    // And each detector's own globs, which are matched the same way (the catalog keeps the file's order).
    const raw: { files?: string[] }[] = read('tools.json').tools.flatMap((t: { detectors: { files?: string[] }[] }) => t.detectors);
    toolCatalog().detectors.forEach((d, i) => {
      if (!raw[i].files?.length) return assert.strictEqual(d.files, undefined);
      const own = picomatch(raw[i].files!, { dot: true });
      for (const p of paths) assert.strictEqual(d.files!(p), own(p), `${d.tool.id} ${d.signal}: ${p}`);
    });
  });
});

describe('glob matcher (file name first)', () => {
  it('agrees with picomatch on names with *, ?, braces, classes, dots and ** as the last segment', () => {
    const { globsMatcher } = require('../../server/src/core/scan/globs') as typeof import('../../server/src/core/scan/globs');
    const picomatch = require('picomatch') as typeof import('picomatch');
    const globs = ['**/requirements*.txt', '**/Dockerfile.?', '**/*.{yml,yaml}', '**/[Mm]akefile', 'docs/**', '**/.env', 'a/b.c', '**/*.dvc', 'x/*_test.py', '*'];
    const paths = ['requirements.txt', 'x/requirements-dev.txt', 'requirements.in', 'Dockerfile.a', 'Dockerfile.ab', 'c.yml', 'x/.c.yaml', 'c.json', 'Makefile', 'x/makefile', 'MAKEFILE',
      'docs/a/b.md', 'docs', 'x/docs/a', '.env', 'x/.env', '.envrc', 'a/b.c', 'a/bxc', 'x/a/b.c', 'd.dvc', 'x/.dvc', 'x/d.dvcx', 'x/a_test.py', 'y/a_test.py', 'x/_test.py', 'top.md', 'x/top.md',
      'a/bb.c', 'bb.c', 'b.c', 'x/requirements.txt.bak', 'x/Dockerfile.abc', 'é/a/b.c'];
    const matcher = globsMatcher(globs);
    const reference = picomatch(globs, { dot: true });
    for (const p of paths) assert.strictEqual(matcher(p), reference(p), p);
    assert.strictEqual(globsMatcher([])('a'), false);
    const deep = globsMatcher(['src/**']);
    const deepReference = picomatch('src/**', { dot: true });
    for (const p of ['src/a/b.py', 'src', 'x/src/a']) assert.strictEqual(deep(p), deepReference(p), p);
  });
});
