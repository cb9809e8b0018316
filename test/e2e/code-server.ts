/**
 * Runs the e2e suite in code-server's real VS Code extension host (VS Code 1.100), driven by headless
 * Chromium: the way CI tests the extension on machines that cannot download VS Code.
 * Needs code-server 4.100.3 (MLM_CODE_SERVER, or the cache .ci/run installs) and /usr/bin/chromium.
 */
import { execFileSync, spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { format } from 'util';
import { chromium } from 'playwright-core';

const ROOT = path.join(__dirname, '..', '..', '..');
const CACHE = process.env.MLM_E2E_CACHE ?? path.join(os.homedir(), '.cache', 'mlmaturity-e2e');
const CODE_SERVER = process.env.MLM_CODE_SERVER ?? path.join(CACHE, 'node_modules', '.bin', 'code-server');
const CHROMIUM = process.env.MLM_CHROMIUM ?? '/usr/bin/chromium';
const RUN_TIMEOUT_MS = 240000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves when the process prints a line matching `pattern`; rejects if it exits first or time runs out. */
function waitForOutput(proc: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`code-server did not start in ${timeoutMs} ms:\n${seen}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolve();
      }
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited with ${code}:\n${seen}`));
    });
  });
}

async function main(): Promise<number> {
  for (const [what, file] of [['code-server', CODE_SERVER], ['Chromium', CHROMIUM]]) {
    if (!fs.existsSync(file)) {
      console.error(`e2e: ${what} not found at ${file}; .ci/run installs it (see shared notes on the VS Code host)`);
      return 1;
    }
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mlm-e2e-'));
  const workspace = path.join(tmp, 'workspace');
  fs.cpSync(path.join(ROOT, 'test', 'e2e', 'fixture'), workspace, { recursive: true });
  const screenshots = path.join(ROOT, 'out', 'e2e-screenshots');
  fs.rmSync(screenshots, { recursive: true, force: true });
  fs.mkdirSync(screenshots, { recursive: true });
  for (const dir of ['home', 'user-data', 'extensions', 'chromium']) fs.mkdirSync(path.join(tmp, dir));

  // With --vsix, the extension runs from the unpacked package: only what the .vsix ships is there.
  const vsixArg = process.argv.indexOf('--vsix');
  let extensionPath = ROOT;
  if (vsixArg > 0) {
    const vsix = path.resolve(process.argv[vsixArg + 1] ?? '');
    execFileSync('unzip', ['-q', vsix, '-d', path.join(tmp, 'vsix')]);
    extensionPath = path.join(tmp, 'vsix', 'extension');
    if (fs.existsSync(path.join(extensionPath, 'node_modules'))) throw new Error('the .vsix must not ship node_modules');
    console.log(`e2e: testing the packaged extension from ${path.basename(vsix)}`);
  }

  const port = await freePort();
  const env = { ...process.env, HOME: path.join(tmp, 'home'), MLM_E2E_SCREENSHOTS: screenshots };
  const server = spawn(CODE_SERVER, [
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--extensions-dir', path.join(tmp, 'extensions'), '--user-data-dir', path.join(tmp, 'user-data'), workspace,
  ], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let exitCode = 1;
  let summary = 'e2e: 0 passed, 1 failed';
  try {
    await waitForOutput(server, /HTTP server listening on/, 60000);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const finished = new Promise<number>((resolve) => {
        void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
      });
      await page.exposeFunction('codeAutomationLog', async (_type: string, args: unknown[]) => {
        // The extension host forwards console calls with their printf-style arguments.
        const line = format(...(args as [unknown, ...unknown[]]));
        console.log(line);
        if (/^e2e: \d+ passed, \d+ failed$/.test(line.trim())) summary = line.trim();
        const shot = /^\[screenshot\] ([\w-]+)$/.exec(line.trim());
        if (shot) {
          await page.screenshot({ path: path.join(screenshots, `${shot[1]}.png`) });
          fs.writeFileSync(path.join(screenshots, `${shot[1]}.done`), '');
        }
      });
      const remote = (p: string) => `vscode-remote://127.0.0.1:${port}${p}`;
      const payload = [
        ['extensionDevelopmentPath', remote(extensionPath)],
        ['extensionTestsPath', remote(path.join(ROOT, 'out', 'test', 'e2e', 'suite', 'index.js'))],
        ['skipWelcome', 'true'],
      ];
      await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
      exitCode = await Promise.race([
        finished,
        new Promise<number>((resolve) => setTimeout(() => {
          console.error(`e2e: no result after ${RUN_TIMEOUT_MS} ms`);
          resolve(1);
        }, RUN_TIMEOUT_MS).unref()),
      ]);
    } finally {
      await browser.close();
    }
  } finally {
    // code-server leaves file-watcher children: stop the whole process group.
    try {
      process.kill(-server.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  // The suite's own tally, last, so that CI reads it; a run that never reported counts as one failure.
  console.log(exitCode === 0 ? summary : summary.replace(/, 0 failed$/, ', 1 failed'));
  return exitCode;
}

main().then((code) => process.exit(code), (err) => {
  console.error(`e2e: ${(err as Error).stack ?? err}`);
  process.exit(1);
});
