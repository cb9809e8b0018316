import { pathToFileURL } from 'url';
import type { AnalysisResult } from '../../core/engine';
import { docsUrl, ruleRegistry } from '../../core/rules/registry';
import type { Severity } from '../../core/types';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** SARIF 2.1.0 as GitHub code scanning ingests it: paths relative to the repo root, one rule per id. */
export function formatSarif(result: AnalysisResult, version: string): string {
  const registry = ruleRegistry();
  const ids = [...new Set(result.findings.map((f) => f.ruleId))].sort();
  const rules = ids.map((id) => {
    const info = registry.get(id);
    const title = info?.title ?? id;
    const description = info?.description ?? title;
    return {
      id,
      name: id.replace(/[^A-Za-z0-9]+(.)/g, (_, c: string) => c.toUpperCase()),
      shortDescription: { text: title },
      fullDescription: { text: description },
      help: { text: `${description} See ${docsUrl(id)}`, markdown: `${description}\n\n[Rule documentation](${docsUrl(id)})` },
      helpUri: docsUrl(id),
      defaultConfiguration: { level: LEVEL[info?.severity ?? 'warning'] },
      properties: { tags: ['mlops', ...(info?.practice ? ['practice', `level-${info.level}`] : ['config'])], ...(info?.practice ? { practice: info.practice } : {}) },
    };
  });
  const index = new Map(ids.map((id, i) => [id, i]));
  const results = result.findings.map((f) => ({
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId) ?? 0,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [{
      physicalLocation: {
        artifactLocation: { uri: encodeURI(f.file), uriBaseId: 'SRCROOT' },
        region: {
          startLine: f.range.start.line + 1,
          startColumn: f.range.start.character + 1,
          endLine: f.range.end.line + 1,
          endColumn: Math.max(f.range.end.character + 1, f.range.end.line > f.range.start.line ? 1 : f.range.start.character + 1),
        },
      },
    }],
    // Stable across line moves: rule, file and message, not the position.
    partialFingerprints: { 'mlMaturity/v1': sha256().update(`${f.ruleId}\0${f.file}\0${f.message}`).digest('hex').slice(0, 32) },
  }));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'ML Maturity', informationUri: 'https://github.com/ml-maturity/ml-maturity', version, semanticVersion: version, rules } },
      originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(result.root + '/').href } },
      results,
      properties: { score: result.score.score, level: result.score.level, levelName: result.score.levelName },
    }],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

/** node:crypto is loaded when a SARIF report is written, not at every start of the CLI. */
function sha256(): import('crypto').Hash {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('crypto') as typeof import('crypto')).createHash('sha256');
}
