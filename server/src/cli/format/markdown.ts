import path = require('path');
import type { AnalysisResult } from '../../core/engine';
import { docsUrl } from '../../core/rules/registry';
import { capitalise } from '../../core/text';
import { count } from './text';

const VERDICT = { met: '✅ met', partial: '🟡 partial', missing: '❌ missing', 'not-applicable': '➖ n/a' } as const;

/** A report for pull-request comments and job summaries. */
export function formatMarkdown(result: AnalysisResult): string {
  const { score } = result;
  const out: string[] = [];
  out.push(`# ML Maturity: ${path.basename(result.root)}`, '');
  out.push(`**Level ${score.level} (${score.levelName})** · score **${score.score}/100** · target Level ${result.config.targetLevel}`, '');
  const c = count(result.practices);
  out.push(`${c.met} met, ${c.partial} partial, ${c.missing} missing${c.na ? `, ${c.na} off` : ''}.`, '');
  if (score.nextSteps.length && score.nextLevel !== undefined) {
    out.push(`## Next steps to reach Level ${score.nextLevel}`, '');
    for (const s of score.nextSteps) out.push(`- ${capitalise(s.advice)} (\`${s.practice}\`)`);
    out.push('');
  }
  out.push('## Levels', '', '| Level | Credited | Reached |', '|---|---|---|');
  for (const l of score.levels) out.push(`| ${l.level} ${l.name} | ${l.credited} / ${l.total} | ${l.reached ? 'yes' : 'no'} |`);
  out.push('', '## Practices', '', '| Practice | Level | Verdict | Evidence |', '|---|---|---|---|');
  for (const p of result.practices) {
    const ev = p.evidence[0];
    const where = ev ? `${escape(ev.detail)} (\`${ev.file}${ev.range ? `:${ev.range.start.line + 1}` : ''}\`)` : escape(p.summary);
    out.push(`| [\`${p.id}\`](${docsUrl(p.id)}) ${escape(p.title)} | ${p.level} | ${VERDICT[p.verdict]} | ${where} |`);
  }
  if (result.findings.length) {
    out.push('', '## Findings', '', '| Location | Severity | Rule | Message |', '|---|---|---|---|');
    for (const f of result.findings) {
      out.push(`| \`${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}\` | ${f.severity} | \`${f.ruleId}\` | ${escape(f.message)} |`);
    }
  }
  return out.join('\n') + '\n';
}

function escape(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
