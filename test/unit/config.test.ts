import * as assert from 'assert';
import { analyzeFiles, practiceOf } from '../support/repo';
import { range } from '../../server/src/core/text';

describe('configuration', () => {
  it('.mlmaturity.yml: target level, rule severity, practice weight and off', async () => {
    const result = await analyzeFiles({
      '.mlmaturity.yml': 'targetLevel: 3\nrules:\n  ci.tests: error\n  data.versioned: "off"\npractices:\n  monitoring.drift: off\n  docs.readme: 3\n  deps.pinned: { weight: 2 }\n',
      'README.md': '# x\n\nText.\n',
    });
    assert.strictEqual(result.configFile, '.mlmaturity.yml');
    assert.strictEqual(result.config.targetLevel, 3);
    assert.strictEqual(result.findings.find((f) => f.ruleId === 'ci.tests')?.severity, 'error');
    assert.strictEqual(result.findings.find((f) => f.ruleId === 'data.versioned'), undefined, 'rule off: no finding');
    assert.strictEqual(practiceOf(result, 'data.versioned').verdict, 'missing', 'but still scored');
    assert.strictEqual(practiceOf(result, 'monitoring.drift').verdict, 'not-applicable');
    assert.strictEqual(practiceOf(result, 'docs.readme').weight, 3);
    assert.strictEqual(practiceOf(result, 'deps.pinned').weight, 2);
    assert.strictEqual(result.findings.find((f) => f.ruleId === 'ci.ml')?.severity, 'warning', 'level 3 is within target 3');
  });

  it('[tool.mlmaturity] in pyproject.toml', async () => {
    const result = await analyzeFiles({ 'pyproject.toml': '[project]\nname = "x"\n\n[tool.mlmaturity]\ntargetLevel = 1\nexclude = ["legacy/**"]\n', 'legacy/tests/test_a.py': 'assert True\n' });
    assert.strictEqual(result.configFile, 'pyproject.toml');
    assert.strictEqual(result.config.targetLevel, 1);
    assert.strictEqual(practiceOf(result, 'tests.present').verdict, 'missing', 'excluded folder is not analysed');
  });

  it('an unknown key is reported on the key, a bad severity on the value', async () => {
    const result = await analyzeFiles({ '.mlmaturity.yml': 'targetLevel: 2\ntargetlevel: 3\nrules:\n  ci.tests: loud\n' });
    const problems = result.findings.filter((f) => f.ruleId === 'config/schema');
    assert.deepStrictEqual(problems.map((p) => [p.range, p.message]), [
      [range(1, 0, 1, 11), "Unknown setting 'targetlevel'."],
      [range(3, 12, 3, 16), "'rules.ci.tests' must be one of off, hint, info, warning, error."],
    ]);
    assert.strictEqual(result.config.targetLevel, 2, 'defaults stay in force');
  });

  it('wrong types in pyproject.toml are reported on the value', async () => {
    const result = await analyzeFiles({ 'pyproject.toml': '[tool.mlmaturity]\ntargetLevel = "two"\n' });
    const problem = result.findings.find((f) => f.ruleId === 'config/schema');
    assert.ok(problem);
    assert.strictEqual(problem.file, 'pyproject.toml');
    assert.deepStrictEqual(problem.range, range(1, 14, 1, 19));
    assert.match(problem.message, /targetLevel' must be integer/);
  });

  it('unknown rule and practice ids suggest the closest', async () => {
    const result = await analyzeFiles({ '.mlmaturity.yml': 'rules:\n  ci.test: off\npractices:\n  data.versioning: 2\n' });
    const unknown = result.findings.filter((f) => f.ruleId === 'config/unknown-rule');
    assert.deepStrictEqual(unknown.map((f) => [f.range, f.message]), [
      [range(1, 2, 1, 9), "Unknown rule id 'ci.test'; did you mean 'ci.tests'?"],
      [range(3, 2, 3, 17), "Unknown practice id 'data.versioning'; did you mean 'data.versioned'?"],
    ]);
  });

  it('a config that does not parse is reported and the defaults apply', async () => {
    const result = await analyzeFiles({ '.mlmaturity.yml': 'targetLevel: [3\n' });
    const problem = result.findings.find((f) => f.ruleId === 'config/schema');
    assert.ok(problem);
    assert.strictEqual(result.config.targetLevel, 2);
  });

  it('overrides (CLI flags, editor settings) win over the file', async () => {
    const result = await analyzeFiles({ '.mlmaturity.yml': 'targetLevel: 3\nrules:\n  ci.tests: error\n' }, { overrides: { targetLevel: 1, rules: { 'ci.tests': 'hint' } } });
    assert.strictEqual(result.config.targetLevel, 1);
    assert.strictEqual(result.findings.find((f) => f.ruleId === 'ci.tests')?.severity, 'hint');
  });
});

describe('configuration fixes', () => {
  const { makeRepo, removeRepo } = require('../support/repo') as typeof import('../support/repo');
  const { analyzeProject } = require('../../server/src/core/engine') as typeof import('../../server/src/core/engine');
  const { planFixes } = require('../../server/src/core/fix/write') as typeof import('../../server/src/core/fix/write');

  async function fixedText(files: Record<string, string>, file: string): Promise<string> {
    const root = makeRepo(files);
    try {
      const result = await analyzeProject(root);
      const fixes = result.findings.filter((f) => f.file === file && f.ruleId.startsWith('config/')).map((f) => f.fixes?.[0]).filter((f) => f !== undefined);
      return planFixes(root, fixes).find((c) => c.file === file)?.after ?? files[file];
    } finally {
      removeRepo(root);
    }
  }

  it('replaces an unknown rule id with the closest one, keeping quotes', async () => {
    assert.strictEqual(await fixedText({ '.mlmaturity.yml': 'rules:\n  "reqs/unpined": off  # noisy\n' }, '.mlmaturity.yml'), 'rules:\n  "reqs/unpinned": off  # noisy\n');
  });

  it('replaces a mistyped severity and a mistyped setting name', async () => {
    assert.strictEqual(await fixedText({ '.mlmaturity.yml': 'targetlevel: 3\nrules:\n  ci.tests: warn\n' }, '.mlmaturity.yml'), 'targetLevel: 3\nrules:\n  ci.tests: warning\n');
  });

  it('in pyproject.toml too', async () => {
    assert.strictEqual(await fixedText({ 'pyproject.toml': '[tool.mlmaturity.rules]\n"ci.test" = "eror"\n' }, 'pyproject.toml'), '[tool.mlmaturity.rules]\n"ci.test" = "error"\n');
    assert.strictEqual(await fixedText({ 'pyproject.toml': '[tool.mlmaturity.rules]\n"ci.test" = "error"\n' }, 'pyproject.toml'), '[tool.mlmaturity.rules]\n"ci.tests" = "error"\n');
  });
});
