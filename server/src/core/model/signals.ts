import type { Evidence } from '../types';

/** Evidence kept per signal: enough to show and anchor, bounded on huge repos. */
const MAX_EVIDENCE = 50;

/** Collects evidence by signal name; a signal exists only once something was seen. */
export class SignalBook {
  /** Made on the first piece of evidence: a book is opened for each of 20,000 files, and most stay empty. */
  private signals?: Map<string, Evidence[]>;

  add(signal: string, evidence: Evidence): void {
    this.signals ??= new Map();
    const list = this.signals.get(signal) ?? [];
    if (list.length >= MAX_EVIDENCE) return;
    if (list.some((e) => e.file === evidence.file && e.detail === evidence.detail)) return;
    list.push(evidence);
    this.signals.set(signal, list);
  }

  has(signal: string): boolean {
    return this.signals?.has(signal) ?? false;
  }

  get(signal: string): Evidence[] {
    return this.signals?.get(signal) ?? [];
  }

  filesOf(signal: string): Set<string> {
    return new Set(this.get(signal).map((e) => e.file));
  }

  /** Every piece of evidence with its signal, signal by signal in the order they were first seen. */
  entries(): [string, Evidence][] {
    const out: [string, Evidence][] = [];
    if (!this.signals) return out;
    for (const [signal, list] of this.signals) for (let i = 0; i < list.length; i++) out.push([signal, list[i]]);
    return out;
  }

  toJSON(): Record<string, Evidence[]> {
    return Object.fromEntries([...(this.signals ?? [])].sort(([a], [b]) => (a < b ? -1 : 1)));
  }
}
