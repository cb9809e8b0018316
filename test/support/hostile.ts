import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';

/** One hostile input: where it goes, and what it is. */
export interface HostileFile {
  path: string;
  content: string | Buffer;
  /** What it tries: a parser bug, a hang, a memory blow-up. */
  why: string;
}

const deep = (n: number, open: string, close: string) => open.repeat(n) + close.repeat(n);

/** Malformed and adversarial files under config names, each a case a stranger's repository might hold. */
export function hostileFiles(): HostileFile[] {
  const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
  const blockNest = Array.from({ length: 10000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
  return [
    { path: '.github/workflows/unterminated.yml', content: 'on: push\njobs:\n  t:\n    runs-on: "ubuntu\n', why: 'unterminated string' },
    { path: '.github/workflows/tabs.yml', content: 'on: push\njobs:\n\tt:\n\t\truns-on: x\n', why: 'tab indentation' },
    { path: '.github/workflows/dupes.yml', content: 'on: push\non: pull_request\njobs: {}\n', why: 'duplicate keys' },
    { path: '.github/workflows/bomb.yml', content: bomb.join('\n') + '\n', why: 'YAML alias bomb (billion laughs)' },
    { path: '.github/workflows/crlf-bom.yml', content: '\ufeffon: push\r\njobs:\r\n  t:\r\n    runs-on: x\r\n', why: 'BOM and CRLF' },
    { path: '.github/workflows/lone-cr.yml', content: 'on: push\rjobs:\r  t:\r    runs-on: x\r', why: 'lone CR line endings' },
    { path: 'dvc.yaml', content: `stages: ${deep(10000, '[', ']')}\n`, why: '10,000-deep flow nesting' },
    { path: 'conf/deep.yaml', content: blockNest, why: '10,000-deep block nesting' },
    { path: 'params.yaml', content: Buffer.from([0x74, 0x72, 0x61, 0x69, 0x6e, 0x3a, 0x0a, 0x20, 0x20, 0x6c, 0x72, 0x3a, 0x20, 0xff, 0xfe, 0x0a]), why: 'invalid UTF-8' },
    { path: 'MLproject', content: Buffer.concat([Buffer.from('name: x\n'), Buffer.alloc(32), Buffer.from('entry_points: {}\n')]), why: 'NUL bytes in a config name' },
    { path: 'pyproject.toml', content: '[project\nname = "x"\ndependencies = ["a", \n[tool.ruff]\nx = """unterminated\n', why: 'broken TOML' },
    { path: 'Pipfile', content: `[packages]\nx = ${deep(5000, '[', ']')}\n`, why: 'deep TOML arrays' },
    { path: 'requirements.txt', content: 'pandas==2.2.2\n-r\n--index-url\nnot a requirement!!\ngit+\nflask[extra\n\\\n', why: 'broken requirements' },
    { path: 'requirements-dev.txt', content: 'x' + '=='.repeat(100000) + '\n', why: 'pathological requirement line' },
    { path: 'Dockerfile', content: 'FROM\nRUN \\\n\\\n\\\nHEALTHCHECK\nBOGUS a b\nCOPY <<EOF\nnever ends\n', why: 'broken Dockerfile and an unterminated heredoc' },
    { path: '.dvc/config', content: '[core\nremote = \n= value\n[\'remote "x"\'\n', why: 'broken INI' },
    { path: 'setup.cfg', content: '[options]\ninstall_requires =\n\t\x00\x01\n', why: 'control characters in INI' },
    { path: 'notebooks/broken.ipynb', content: '{"cells": [{"cell_type": "code", "source": ["import wandb\\n", ', why: 'truncated notebook' },
    { path: 'notebooks/weird.ipynb', content: JSON.stringify({ cells: [{ cell_type: 'code', source: 42 }, null, 'x', { cell_type: 'code', source: [null, 1, '!rm -rf /'] }] }), why: 'notebook with wrong types' },
    { path: 'notebooks/deep.ipynb', content: deep(10000, '[', ']'), why: '10,000-deep JSON' },
    { path: '.devcontainer/devcontainer.json', content: '{"build": {"dockerfile": "Dockerfile",,}} // trailing', why: 'broken JSON with comments' },
    { path: '.pre-commit-config.yaml', content: 'repos: "not a list"\n', why: 'wrong types' },
    { path: 'k8s/bundle.yaml', content: '---\nkind: Deployment\nspec: 3\n---\n- just\n- a list\n---\n', why: 'multi-document with wrong types' },
    { path: 'src/train.py', content: '"""' + 'x'.repeat(1000) + '\nimport mlflow\n' + "'''" + '\n' + '#'.repeat(100000) + '\n', why: 'unterminated docstring and a long comment' },
    { path: 'src/long_line.py', content: 'x = "' + 'a'.repeat(2_000_000) + '"\n', why: 'a 2 MB line' },
    { path: '.mlmaturity.yml', content: 'targetLevel: "high"\nrules:\n  nope/rule: loud\nexclude: 3\nunknownKey: true\n', why: 'config with wrong types and unknown keys' },
    { path: 'data with spaces/ünïcödé params.yaml', content: 'seed: 1\n', why: 'non-ASCII and spaces in paths' },
    { path: 'model.pt', content: Buffer.alloc(1024, 0xab), why: 'binary file' },
    { path: 'Dockerfile.bin', content: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 0]), why: 'binary file with a config name' },
  ];
}

/** Writes the hostile files, plus links, a FIFO and a socket that a scan must step around. */
export async function makeHostileRepo(root: string): Promise<() => void> {
  for (const f of hostileFiles()) {
    const abs = path.join(root, f.path);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, f.content);
  }
  fs.mkdirSync(path.join(root, 'links'), { recursive: true });
  fs.symlinkSync(root, path.join(root, 'links', 'loop'));
  fs.symlinkSync('/etc', path.join(root, 'links', 'outside'));
  fs.symlinkSync(path.join(root, 'missing-target'), path.join(root, 'links', 'dangling'));
  execFileSync('mkfifo', [path.join(root, 'a-fifo.yml')]);
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(path.join(root, 'a-socket.yml'), resolve));
  return () => server.close();
}
