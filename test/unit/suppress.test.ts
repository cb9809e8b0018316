import * as assert from 'assert';
import { range } from '../../server/src/core/text';
import { analyzeFiles } from '../support/repo';

describe('suppression comments', () => {
  it('at the end of the line, or alone on the line before, silence that rule there', async () => {
    const result = await analyzeFiles({
      'requirements.txt': 'pandas>=2  # mlmaturity: ignore[reqs/unpinned]\n# mlmaturity: ignore[reqs/unpinned]\ntorch\nnumpy\n',
    });
    const unpinned = result.findings.filter((f) => f.ruleId === 'reqs/unpinned');
    assert.deepStrictEqual(unpinned.map((f) => f.range.start.line), [3]);
    assert.deepStrictEqual(result.findings.filter((f) => f.ruleId === 'suppression/unused'), []);
  });

  it('silence only the rules they name', async () => {
    const result = await analyzeFiles({ 'Dockerfile': 'FROM python  # mlmaturity: ignore[docker/root-user]\n' });
    assert.ok(result.findings.some((f) => f.ruleId === 'docker/base-unpinned'));
    assert.ok(!result.findings.some((f) => f.ruleId === 'docker/root-user'));
  });

  it('take several ids, in YAML too', async () => {
    const result = await analyzeFiles({
      '.github/workflows/ci.yml': 'on: push\njobs:\n  # mlmaturity: ignore[gha/no-timeout, gha/no-tests]\n  build:\n    runs-on: x\n    steps:\n      - run: echo\n',
    });
    assert.ok(!result.findings.some((f) => f.ruleId === 'gha/no-timeout'));
    assert.ok(!result.findings.some((f) => f.ruleId === 'suppression/unused'), 'gha/no-tests fires there too (no workflow sets up Python, so the first one is the anchor)');
  });

  it('an unused suppression is a hint on the comment, marked unnecessary', async () => {
    const result = await analyzeFiles({ 'requirements.txt': 'pandas==2.2.2  # mlmaturity: ignore[reqs/unpinned]\n' });
    const hint = result.findings.find((f) => f.ruleId === 'suppression/unused');
    assert.ok(hint);
    assert.deepStrictEqual([hint.severity, hint.unnecessary, hint.range, hint.message], ['hint', true, range(0, 17, 0, 50), "Unused suppression: 'reqs/unpinned' reports nothing here."]);
  });

  it('a practice finding anchored on a line can be silenced too', async () => {
    const result = await analyzeFiles({ 'README.md': '<!-- mlmaturity: ignore[docs.model-card] -->\n# Project\n\nText.\n' });
    assert.ok(!result.findings.some((f) => f.ruleId === 'docs.model-card'));
  });
});
