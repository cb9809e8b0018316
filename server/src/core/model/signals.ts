import type { Evidence } from '../types';

/** Evidence kept per signal: enough to show and anchor, bounded on huge repos. */
const MAX_EVIDENCE = 50;

/** Collects evidence by signal name; a signal exists only once something was seen. */
export class SignalBook {
  private readonly signals = new Map<string, Evidence[]>();

  add(signal: string, evidence: Evidence): void {
    const list = this.signals.get(signal) ?? [];
    if (list.length >= MAX_EVIDENCE) return;
    if (list.some((e) => e.file === evidence.file && e.detail === evidence.detail)) return;
    list.push(evidence);
    this.signals.set(signal, list);
  }

  has(signal: string): boolean {
    return this.signals.has(signal);
  }

  get(signal: string): Evidence[] {
    return this.signals.get(signal) ?? [];
  }

  filesOf(signal: string): Set<string> {
    return new Set(this.get(signal).map((e) => e.file));
  }

  /** Every piece of evidence with its signal, signal by signal in the order they were first seen. */
  entries(): [string, Evidence][] {
    const out: [string, Evidence][] = [];
    for (const [signal, list] of this.signals) for (const e of list) out.push([signal, e]);
    return out;
  }

  toJSON(): Record<string, Evidence[]> {
    return Object.fromEntries([...this.signals.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
  }
}
