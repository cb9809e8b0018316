import * as vscode from 'vscode';
import type { FolderReport, PracticeRow } from '../../server/src/protocol';

const VERDICT: Record<PracticeRow['verdict'], string> = { met: '✓ met', partial: '◐ partial', missing: '✗ missing', 'not-applicable': '– off' };

/** The report: one webview, re-rendered whenever the folder's score changes. */
export class ReportPanel implements vscode.Disposable {
  private panel?: vscode.WebviewPanel;
  folderUri?: string;
  private readonly rendered = new vscode.EventEmitter<void>();
  /** Fires when the webview has painted a report (its script says so). */
  readonly onDidRender = this.rendered.event;

  constructor(private readonly fetch: (folderUri?: string) => Promise<FolderReport | null>) {}

  get visible(): boolean {
    return !!this.panel;
  }

  async show(folderUri?: string): Promise<void> {
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('mlmaturity.report', 'ML Maturity', vscode.ViewColumn.Active, { enableScripts: true, enableCommandUris: false });
      this.panel.onDidDispose(() => (this.panel = undefined));
      this.panel.webview.onDidReceiveMessage((m: { open?: string; line?: number; rendered?: boolean }) => {
        if (m.rendered) this.rendered.fire();
        if (m.open) void vscode.window.showTextDocument(vscode.Uri.parse(m.open), { selection: new vscode.Range(m.line ?? 0, 0, m.line ?? 0, 0) });
      });
    } else this.panel.reveal();
    this.folderUri = folderUri ?? this.folderUri;
    await this.refresh();
  }

  async refresh(): Promise<void> {
    if (!this.panel) return;
    const report = await this.fetch(this.folderUri);
    if (!this.panel) return;
    this.panel.title = report ? `ML Maturity: ${report.folderName}` : 'ML Maturity';
    this.panel.webview.html = report ? renderReport(report, this.panel.webview.cspSource) : renderEmpty();
  }

  dispose(): void {
    this.panel?.dispose();
    this.rendered.dispose();
  }
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function renderEmpty(): string {
  return '<!DOCTYPE html><html><body><p>ML Maturity has no analysis yet.</p></body></html>';
}

export function renderReport(r: FolderReport, cspSource: string): string {
  const nonce = Math.random().toString(36).slice(2) + Date.now().toString(36);
  const levels = r.levels.map((l) => `<div class="level ${l.reached ? 'reached' : ''}"><b>L${l.level}</b> ${esc(l.name)}<span>${l.credited}/${l.total}</span></div>`).join('');
  const categories = r.categories.map((c) => `<div class="cat"><span class="name">${esc(c.category)}</span><span class="bar"><span style="width:${c.score}%"></span></span><span class="num">${c.score}</span></div>`).join('');
  const steps = r.nextSteps.length && r.nextLevel !== undefined
    ? `<h2>To reach level ${r.nextLevel} (${esc(r.nextLevelName ?? '')})</h2><ol>${r.nextSteps.map((s) => `<li>${esc(s.advice)} <code>${esc(s.practice)}</code></li>`).join('')}</ol>`
    : '<h2>Every level is reached.</h2>';
  const rows = r.practices.map((p) => {
    const evidence = p.evidence.slice(0, 3).map((e) => `<a href="#" data-open="${esc(e.uri)}" data-line="${e.line ?? 0}">${esc(e.detail)}</a>`).join('<br>');
    return `<tr class="${p.verdict}"><td>L${p.level}</td><td><b>${esc(p.title)}</b><br><code>${esc(p.id)}</code></td><td class="verdict">${VERDICT[p.verdict]}</td><td>${evidence || esc(p.summary)}</td></tr>`;
  }).join('');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'unsafe-inline'; script-src 'nonce-${nonce}';">
<style>
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 16px 24px; }
h1 { font-weight: 600; } h1 small { color: var(--vscode-descriptionForeground); font-weight: 400; }
.score { font-size: 2.4em; font-weight: 700; } .score small { font-size: .4em; color: var(--vscode-descriptionForeground); }
.levels { display: flex; gap: 8px; margin: 12px 0; } .level { padding: 6px 10px; border: 1px solid var(--vscode-panel-border); border-radius: 4px; opacity: .6; }
.level.reached { opacity: 1; border-color: var(--vscode-charts-green); } .level span { margin-left: 8px; color: var(--vscode-descriptionForeground); }
.cat { display: grid; grid-template-columns: 140px 1fr 40px; align-items: center; gap: 8px; margin: 3px 0; }
.bar { height: 10px; background: var(--vscode-editorWidget-background); border-radius: 5px; overflow: hidden; } .bar span { display: block; height: 100%; background: var(--vscode-charts-blue); }
.num { text-align: right; } table { border-collapse: collapse; width: 100%; margin-top: 8px; }
td { border-top: 1px solid var(--vscode-panel-border); padding: 6px; vertical-align: top; }
tr.met .verdict { color: var(--vscode-charts-green); } tr.partial .verdict { color: var(--vscode-charts-yellow); } tr.missing .verdict { color: var(--vscode-charts-red); }
a { color: var(--vscode-textLink-foreground); cursor: pointer; }
</style></head><body>
<h1>ML Maturity <small>${esc(r.folderName)}</small></h1>
<div class="score">Level ${r.level} · ${r.score}<small>/100 — ${esc(r.levelName)}, target level ${r.targetLevel}</small></div>
<div class="levels">${levels}</div>
${steps}
<h2>By category</h2>${categories}
<h2>Practices</h2><table>${rows}</table>
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
requestAnimationFrame(() => vscode.postMessage({ rendered: true }));
document.addEventListener('click', (e) => {
  const a = e.target.closest('a[data-open]');
  if (!a) return;
  e.preventDefault();
  vscode.postMessage({ open: a.dataset.open, line: Number(a.dataset.line) });
});
</script>
</body></html>`;
}
