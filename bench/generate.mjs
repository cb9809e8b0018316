// Deterministic generator of realistic ML repositories (seeded), for benchmarks and scale tests.
// node bench/generate.mjs <out-dir> <projects> <files-per-project> [seed]
import { mkdirSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';

export function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s / 4294967296;
  };
}

const PACKAGES = ['pandas', 'numpy', 'scikit-learn', 'torch', 'mlflow', 'wandb', 'fastapi', 'pyyaml', 'xgboost', 'lightgbm', 'pytest', 'ruff', 'evidently', 'pandera', 'dvc', 'transformers'];
const WORDS = ['data', 'features', 'train', 'evaluate', 'model', 'predict', 'utils', 'io', 'metrics', 'transforms', 'loader', 'schema', 'plots', 'config'];

function pythonModule(r, lines) {
  const imports = ['import os', 'import json', 'import numpy as np', 'import pandas as pd'];
  if (r() < 0.3) imports.push('import mlflow');
  if (r() < 0.2) imports.push('import torch');
  if (r() < 0.1) imports.push('from evidently.report import Report');
  const body = [];
  for (let i = 0; body.length < lines; i++) {
    body.push(`def ${WORDS[i % WORDS.length]}_${i}(frame, factor=${(r() * 10).toFixed(2)}):`, `    """Step ${i}."""`, `    result = frame * factor + ${i}`, '    return result', '');
  }
  return [...imports, '', ...body].join('\n') + '\n';
}

function notebook(r) {
  const cells = [];
  for (let i = 0; i < 6; i++) {
    cells.push({ cell_type: i % 3 === 0 ? 'markdown' : 'code', metadata: {}, source: i % 3 === 0 ? [`## Section ${i}\n`] : ['import pandas as pd\n', r() < 0.3 ? 'import wandb\n' : 'import matplotlib.pyplot as plt\n', `df = pd.read_csv("data_${i}.csv")\n`, 'df.describe()'] });
  }
  return JSON.stringify({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1) + '\n';
}

export function dvcYaml(stages) {
  const out = ['stages:'];
  for (let i = 0; i < stages; i++) {
    out.push(`  stage_${i}:`, `    cmd: python src/step_${i}.py --in data/s${i} --out data/s${i + 1}`, '    deps:', `      - src/step_${i}.py`, `      - data/s${i}`, '    params:', `      - stage_${i}.alpha`, '    outs:', `      - data/s${i + 1}`);
  }
  return out.join('\n') + '\n';
}

export function workflow(jobs) {
  const out = ['name: ci', 'on:', '  push:', '    branches: [main]', '  pull_request:', 'jobs:'];
  for (let i = 0; i < jobs; i++) {
    out.push(`  job_${i}:`, '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/checkout@v4', '      - uses: actions/setup-python@v5', '        with:', '          python-version: "3.11"', '      - run: pip install -r requirements.txt', `      - run: python -m pytest tests/unit_${i}`, `      - run: ruff check src/part_${i}`);
  }
  return out.join('\n') + '\n';
}

/** A long YAML config (about `lines` lines): the keystroke-in-a-big-file case. */
export function hugeYaml(lines) {
  const out = ['# generated model configuration', 'models:'];
  for (let i = 0; out.length < lines; i++) out.push(`  model_${i}:`, `    n_estimators: ${100 + i}`, `    max_depth: ${i % 12}`, `    learning_rate: 0.0${(i % 9) + 1}`, `    features: [f${i}, g${i}]`);
  return out.slice(0, lines).join('\n') + '\n';
}

export function generateRepo(root, projects, filesPerProject, seed = 42) {
  const r = rng(seed);
  let count = 0;
  const write = (rel, content) => {
    const abs = join(root, rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
    count++;
  };
  write('.gitignore', 'node_modules/\n*.log\n/scratch/\n');
  write('README.md', '# Monorepo\n\nMany ML projects.\n');
  // The files the incremental benchmarks edit: a 300-line dvc.yaml and workflow, a 10,000-line YAML.
  write('bench/dvc.yaml', dvcYaml(33));
  write('.github/workflows/bench.yml', workflow(29));
  write('bench/configs/huge.yaml', hugeYaml(10000));
  for (let p = 0; p < projects; p++) {
    const base = projects === 1 ? '' : `projects/p${String(p).padStart(3, '0')}/`;
    const pinned = r() < 0.5;
    write(`${base}requirements.txt`, PACKAGES.filter(() => r() < 0.6).map((n) => (pinned ? `${n}==1.${Math.floor(r() * 20)}.0` : n)).join('\n') + '\n');
    write(`${base}params.yaml`, `train:\n  lr: 0.0${Math.floor(r() * 9) + 1}\n  epochs: ${Math.floor(r() * 50)}\n  seed: 42\n`);
    write(`${base}dvc.yaml`, dvcYaml(8 + Math.floor(r() * 8)));
    write(`${base}.github/workflows/ci.yml`, workflow(2 + Math.floor(r() * 4)));
    write(`${base}Dockerfile`, 'FROM python:3.11-slim\nCOPY . /app\nRUN pip install -r /app/requirements.txt\nEXPOSE 8000\n');
    write(`${base}README.md`, `# Project ${p}\n\nTrains a model.\n\n## Results\n\n| model | accuracy |\n|---|---|\n| gbm | 0.9 |\n`);
    write(`${base}.gitignore`, '/data/\n/models/\n__pycache__/\n');
    write(`${base}data/raw.csv`, 'a,b\n1,2\n');
    let i = 0;
    const fixed = 9;
    while (i < filesPerProject - fixed) {
      const kind = r();
      if (kind < 0.5) write(`${base}src/part_${i % 10}/${WORDS[i % WORDS.length]}_${i}.py`, pythonModule(r, 20 + Math.floor(r() * 60)));
      else if (kind < 0.6) write(`${base}tests/unit_${i % 5}/test_${WORDS[i % WORDS.length]}_${i}.py`, `from src import x\n\ndef test_${i}():\n    assert x(${i}) == ${i}\n`);
      else if (kind < 0.625) write(`${base}notebooks/explore_${i}.ipynb`, notebook(r));
      else if (kind < 0.675) write(`${base}configs/exp_${i}.yaml`, `model:\n  n_estimators: ${i}\n  max_depth: ${i % 9}\nseed: ${i}\n`);
      else if (kind < 0.7) write(`${base}reports/figure_${i}.png`, Buffer.alloc(2048 + Math.floor(r() * 50000)));
      else if (kind < 0.72) write(`${base}artifacts/sample_${i}.parquet`, Buffer.alloc(Math.floor(r() * 200000)));
      else write(`${base}docs/page_${i}.md`, `# Page ${i}\n\nSome documentation about step ${i}.\n`);
      i++;
    }
  }
  return count;
}

if (process.argv[1] && process.argv[1].endsWith('generate.mjs')) {
  const [out, projects = '1', files = '100', seed = '42'] = process.argv.slice(2);
  if (!out) {
    console.error('usage: node bench/generate.mjs <out-dir> <projects> <files-per-project> [seed]');
    process.exit(2);
  }
  const n = generateRepo(out, Number(projects), Number(files), Number(seed));
  console.log(`wrote ${n} files to ${out}`);
}
