/**
 * `npm run bench`: generates seeded ML repositories of three sizes and measures, for each, the cold
 * CLI against its floor, the language server's initial, incremental and watched-file timings, peak
 * memory, and per-document validation against yaml-language-server. Writes bench/results/latest.json
 * and latest.md. Every ratio is taken within one run, on one machine, at one moment.
 */
import { spawnSync } from 'child_process';
import { build, type BuildOptions } from 'esbuild';
import * as fs from 'fs';
import * as path from 'path';
import { FileChangeType } from 'vscode-languageserver-protocol';
import { ProjectSession } from '../server/src/core/session';
import { TestClient, uriOf } from '../test/support/lsp-client';
import { compareWithYamlLanguageServer, type SideBySide } from './side-by-side';

const ROOT = path.join(__dirname, '..', '..');
const WORK = path.join(ROOT, '.bench');
const FLOOR_MAIN = path.join(ROOT, 'out', 'bench', 'floor-main.js');
const FLOOR_BUNDLE = path.join(ROOT, 'out', 'bench', 'floor.bundle.js');
const RUNS = Number(process.env.MLM_BENCH_RUNS ?? 7);
const EDITS = Number(process.env.MLM_BENCH_EDITS ?? 30);
const SIZES = [
  { name: 'small', projects: 1, files: 100 },
  { name: 'medium', projects: 10, files: 200 },
  { name: 'large', projects: 50, files: 400 },
];

interface Stats {
  median: number;
  p95: number;
  min: number;
  max: number;
}

function stats(values: number[]): Stats {
  const v = [...values].sort((a, b) => a - b);
  const at = (q: number) => v[Math.min(v.length - 1, Math.ceil(q * v.length) - 1)];
  return { median: at(0.5), p95: at(0.95), min: v[0], max: v[v.length - 1] };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** Wall time and peak RSS of one process run. */
function timed(args: string[]): { ms: number; rssKb: number } {
  const rssFile = path.join(WORK, `rss-${process.pid}.txt`);
  const t0 = process.hrtime.bigint();
  const run = spawnSync(process.execPath, ['-r', path.join(ROOT, 'bench', 'rss-probe.js'), ...args], { env: { ...process.env, MLM_RSS_OUT: rssFile }, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (run.status !== 0 && run.status !== 1) throw new Error(`${args.join(' ')} failed (${run.status}): ${run.stderr}`);
  const rssKb = Number(fs.readFileSync(rssFile, 'utf8'));
  // One file per harness process: left behind, they pile up in .bench/ run after run.
  fs.rmSync(rssFile, { force: true });
  return { ms, rssKb };
}

async function generate(size: (typeof SIZES)[number]): Promise<string> {
  const dir = path.join(WORK, size.name);
  const marker = path.join(dir, '.generated');
  if (!fs.existsSync(marker)) {
    fs.rmSync(dir, { recursive: true, force: true });
    const { generateRepo } = (await import(path.join(ROOT, 'bench', 'generate.mjs'))) as { generateRepo: (root: string, p: number, f: number, seed: number) => number };
    generateRepo(dir, size.projects, size.files, 42);
    fs.writeFileSync(marker, '');
  }
  return dir;
}

/** Editor-like edits: each changes one line of the file, alternating between two texts. */
function editedTexts(original: string): string[] {
  const lines = original.split('\n');
  const middle = Math.floor(lines.length / 2);
  return [0, 1].map((k) => [...lines.slice(0, middle), `${lines[middle]}${k ? ' ' : ''}`, ...lines.slice(middle + 1)].join('\n'));
}

async function incremental(client: TestClient, file: string): Promise<Stats> {
  const original = fs.readFileSync(file, 'utf8');
  const uri = uriOf(file);
  await client.open(file, original, 'yaml');
  await client.waitFor(`diagnostics of ${path.basename(file)}`, () => client.diagnostics.get(uri)?.version === 1 || undefined, 60000);
  const texts = editedTexts(original);
  const times: number[] = [];
  for (let i = 0; i < EDITS; i++) {
    const version = i + 2;
    const t0 = performance.now();
    await client.change(file, version, texts[i % 2]);
    await client.waitFor(`diagnostics of version ${version}`, () => client.diagnostics.get(uri)?.version === version || undefined, 60000);
    times.push(performance.now() - t0);
  }
  await client.close(file);
  return stats(times);
}

/** From the watched-file notification to the new findings of that file and the score that follows them. */
async function watched(client: TestClient, dir: string, file: string, type: FileChangeType, change: () => void): Promise<number> {
  const uri = uriOf(path.join(dir, file));
  const expect = type === FileChangeType.Deleted ? (n: number) => n === 0 : (n: number) => n > 0;
  change();
  const t0 = performance.now();
  await client.watched(path.join(dir, file), type);
  await client.waitFor(`findings of ${file} to follow the change`, () => expect(client.diagnostics.get(uri)?.diagnostics.length ?? 0) || undefined, 60000);
  await client.nextScore(dir, client.scores.length);
  return performance.now() - t0;
}

function peakRss(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

interface SizeResult {
  name: string;
  files: number;
  cli: Stats;
  floor: Stats;
  ratio: number;
  cliRssMb: number;
  lspInitialMs: number;
  dvcEdit: Stats;
  workflowEdit: Stats;
  hugeYamlKeystroke: Stats;
  newDockerfileMs: number;
  deletedWorkflowMs: number;
  serverRssMb: number;
}

async function measure(size: (typeof SIZES)[number]): Promise<SizeResult> {
  const dir = await generate(size);
  // The floor parses exactly what an analysis parses: ask one.
  const session = new ProjectSession(dir);
  // The session lets Python parses go after the analysis: without this the floor would skip them.
  session.recordParses();
  const result = await session.analyze();
  const parsedList = path.join(WORK, `${size.name}.parsed.json`);
  fs.writeFileSync(parsedList, JSON.stringify(session.parsedFormats()));

  // The CLI's code cache comes from one run on a small repository at build time; the floor's from one here.
  if (!fs.existsSync(`${FLOOR_BUNDLE}.cache`)) {
    const made = spawnSync(process.execPath, [FLOOR_MAIN, dir, parsedList], { env: { ...process.env, MLM_WRITE_CODE_CACHE: '1' }, encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`floor failed (${made.status}): ${made.stderr}`);
  }
  const cli: number[] = [];
  const floor: number[] = [];
  let cliRss = 0;
  for (let i = 0; i < RUNS; i++) {
    // Interleaved, so that both see the same machine at the same moments.
    const c = timed([path.join(ROOT, 'bin', 'mlmaturity.js'), dir, '-f', 'json', '-o', path.join(WORK, 'out.json')]);
    cli.push(c.ms);
    cliRss = Math.max(cliRss, c.rssKb);
    floor.push(timed([FLOOR_MAIN, dir, parsedList]).ms);
  }

  const client = await TestClient.start([dir]);
  try {
    const t0 = performance.now();
    await client.nextScore(dir, 0);
    const lspInitialMs = performance.now() - t0;
    const dvcEdit = await incremental(client, path.join(dir, 'bench', 'dvc.yaml'));
    const workflowEdit = await incremental(client, path.join(dir, '.github', 'workflows', 'bench.yml'));
    const hugeYamlKeystroke = await incremental(client, path.join(dir, 'bench', 'configs', 'huge.yaml'));
    const newDockerfileMs = await watched(client, dir, 'Dockerfile', FileChangeType.Created, () => fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM python:3.11-slim\nEXPOSE 8000\n'));
    const workflow = fs.readFileSync(path.join(dir, '.github', 'workflows', 'bench.yml'), 'utf8');
    const deletedWorkflowMs = await watched(client, dir, '.github/workflows/bench.yml', FileChangeType.Deleted, () => fs.rmSync(path.join(dir, '.github', 'workflows', 'bench.yml')));
    const serverRssMb = peakRss(client.proc.pid!) / 1024;
    // Leave the tree as generated for the next run.
    fs.rmSync(path.join(dir, 'Dockerfile'));
    fs.writeFileSync(path.join(dir, '.github', 'workflows', 'bench.yml'), workflow);
    const c = stats(cli);
    const f = stats(floor);
    return {
      name: size.name, files: result.stats.files, cli: c, floor: f, ratio: c.median / f.median, cliRssMb: cliRss / 1024,
      lspInitialMs, dvcEdit, workflowEdit, hugeYamlKeystroke, newDockerfileMs, deletedWorkflowMs, serverRssMb,
    };
  } finally {
    await client.stop().catch(() => client.kill());
  }
}

function markdown(results: SizeResult[], side: SideBySide[], when: string): string {
  const ms = (s: Stats) => `${round(s.median)} (p95 ${round(s.p95)})`;
  const rows = [
    ['files', ...results.map((r) => String(r.files))],
    ['cold CLI, ms (median, min–max)', ...results.map((r) => `${round(r.cli.median)} (${round(r.cli.min)}–${round(r.cli.max)})`)],
    ['floor: walk + read + parse, ms', ...results.map((r) => `${round(r.floor.median)} (${round(r.floor.min)}–${round(r.floor.max)})`)],
    ['**analysis / floor**', ...results.map((r) => `**${r.ratio.toFixed(2)}**`)],
    ['CLI peak RSS, MB', ...results.map((r) => String(Math.round(r.cliRssMb)))],
    ['server: initialized → all diagnostics, ms', ...results.map((r) => String(Math.round(r.lspInitialMs)))],
    ['edit in a 300-line dvc.yaml → diagnostics, ms', ...results.map((r) => ms(r.dvcEdit))],
    ['edit in a 300-line workflow → diagnostics, ms', ...results.map((r) => ms(r.workflowEdit))],
    ['keystroke in a 10,000-line YAML → diagnostics, ms', ...results.map((r) => ms(r.hugeYamlKeystroke))],
    ['new Dockerfile on disk → score, ms', ...results.map((r) => String(Math.round(r.newDockerfileMs)))],
    ['deleted workflow → score, ms', ...results.map((r) => String(Math.round(r.deletedWorkflowMs)))],
    ['server peak RSS, MB', ...results.map((r) => String(Math.round(r.serverRssMb)))],
  ];
  const table = [`| | ${results.map((r) => r.name).join(' | ')} |`, `|---|${results.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
  const sideRows = side.map((s) => `| ${s.document} | ${round(s.ours.median)} | ${round(s.theirs.median)} | **${s.ratio.toFixed(2)}** |`);
  return [
    `Measured ${when} on this machine (${RUNS} cold runs per size, ${EDITS} edits per file; medians, p95 where given).`,
    '',
    ...table,
    '',
    '| per-document validation, same document and equivalent schema | ML Maturity, ms | yaml-language-server, ms | ours / theirs |',
    '|---|---|---|---|',
    ...sideRows,
    '',
  ].join('\n');
}

/** The floor as one bundle, built with the CLI's esbuild settings; its code cache is made by the first size's first run. */
async function bundleFloor(): Promise<void> {
  fs.rmSync(`${FLOOR_BUNDLE}.cache`, { force: true });
  const { bundleOptions } = (await import(path.join(ROOT, 'scripts', 'bundle-options.mjs'))) as { bundleOptions: BuildOptions };
  await build({ ...bundleOptions, entryPoints: [path.join(ROOT, 'bench', 'floor.ts')], outfile: FLOOR_BUNDLE });
}

async function main(): Promise<void> {
  fs.mkdirSync(WORK, { recursive: true });
  await bundleFloor();
  const only = process.argv.slice(2);
  const results: SizeResult[] = [];
  for (const size of SIZES.filter((s) => !only.length || only.includes(s.name))) {
    process.stderr.write(`bench: ${size.name}…\n`);
    results.push(await measure(size));
  }
  const side = await compareWithYamlLanguageServer(path.join(WORK, 'small'), EDITS);
  const when = new Date().toISOString().slice(0, 10);
  const out = path.join(ROOT, 'bench', 'results');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'latest.json'), JSON.stringify({ date: when, runs: RUNS, edits: EDITS, node: process.version, results, sideBySide: side }, null, 2) + '\n');
  const md = markdown(results, side, when);
  fs.writeFileSync(path.join(out, 'latest.md'), md);
  process.stdout.write(md);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
