import * as vscode from 'vscode';
import type { FolderScore } from '../../server/src/protocol';

const BAR = 10;

function bar(score: number): string {
  const filled = Math.round((score / 100) * BAR);
  return '█'.repeat(filled) + '░'.repeat(BAR - filled);
}

/** `ML L2 · 64` for the active editor's folder; busy while analysing; an error state when the server is down. */
export class MaturityStatus implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('mlmaturity.status', vscode.StatusBarAlignment.Left, 50);
  private readonly scores = new Map<string, FolderScore>();
  private serverDown?: string;

  constructor() {
    this.item.name = 'ML Maturity';
    this.item.command = 'mlmaturity.showReport';
    this.item.text = '$(sync~spin) ML';
    this.item.tooltip = 'ML Maturity: starting…';
    this.item.show();
  }

  update(score: FolderScore): void {
    this.scores.set(score.folderUri, score);
    this.render();
  }

  setServerDown(reason: string | undefined): void {
    this.serverDown = reason;
    this.render();
  }

  /** The server stopped and the client is starting it again. */
  setRestarting(): void {
    this.item.text = '$(sync~spin) ML';
    this.item.tooltip = 'ML Maturity: the language server stopped; restarting it…';
  }

  /** The folder the status bar speaks for: the active editor's, else the first with a score. */
  current(): FolderScore | undefined {
    const uri = vscode.window.activeTextEditor?.document.uri;
    const folder = uri ? vscode.workspace.getWorkspaceFolder(uri) : undefined;
    return (folder && this.scores.get(folder.uri.toString())) ?? this.scores.values().next().value;
  }

  render(): void {
    if (this.serverDown) {
      this.item.text = '$(error) ML';
      this.item.tooltip = `ML Maturity: the language server is not running (${this.serverDown}). Click to see the report once it restarts.`;
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
      return;
    }
    this.item.backgroundColor = undefined;
    const s = this.current();
    if (!s) return;
    if (s.state === 'disabled') {
      this.item.text = 'ML off';
      this.item.tooltip = 'ML Maturity is disabled for this folder (mlmaturity.enable).';
      return;
    }
    if (s.state === 'error') {
      this.item.text = '$(error) ML';
      this.item.tooltip = `ML Maturity could not analyse ${s.folderName}: ${s.error ?? 'unknown error'}`;
      return;
    }
    const label = `ML L${s.level} · ${Math.round(s.score)}`;
    this.item.text = s.state === 'analysing' ? `$(sync~spin) ${label}` : label;
    this.item.tooltip = tooltip(s);
  }

  dispose(): void {
    this.item.dispose();
  }
}

export function tooltip(s: FolderScore): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**ML Maturity — ${s.folderName}**\n\n`);
  md.appendMarkdown(`Level ${s.level} (${s.levelName}) · score ${s.score}/100 · target level ${s.targetLevel}\n\n`);
  if (s.categories.length) {
    md.appendMarkdown('```\n' + s.categories.map((c) => `${c.category.padEnd(16)} ${bar(c.score)} ${String(c.score).padStart(3)}`).join('\n') + '\n```\n\n');
  }
  if (s.nextSteps.length && s.nextLevel !== undefined) {
    md.appendMarkdown(`**To reach level ${s.nextLevel} (${s.nextLevelName ?? ''}):**\n\n`);
    for (const step of s.nextSteps.slice(0, 5)) md.appendMarkdown(`- ${step.advice} \`${step.practice}\`\n`);
    md.appendMarkdown('\n');
  }
  md.appendMarkdown('Click for the full report.');
  return md;
}
