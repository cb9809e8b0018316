import { ruleCases } from '../support/rules';

describe('DVC rules', () => {
  ruleCases('dvc/schema', [
    { name: 'an unknown top-level key', file: 'dvc.yaml', bad: 'stage:\n  train:\n    cmd: python train.py\n', range: [0, 0, 0, 5], message: "Unknown key 'stage' in dvc.yaml.", good: 'stages:\n  train:\n    cmd: python train.py\n' },
    { name: 'a stage without cmd', file: 'dvc.yaml', bad: 'stages:\n  train:\n    deps: [train.py]\n', range: [1, 2, 1, 7], message: "Stage 'train' has no cmd: DVC cannot run it." },
    { name: 'a wrong type', file: 'dvc.yaml', bad: 'stages:\n  train:\n    cmd: python t.py\n    frozen: "yes"\n', range: [3, 12, 3, 17], message: "'frozen' must be boolean." },
  ]);

  ruleCases('dvc/stage-no-deps', [
    {
      name: 'a stage that runs scripts but lists no deps', file: 'dvc.yaml',
      repo: { 'src/train.py': 'x = 1\n', 'src/churn/features.py': 'x = 1\n' },
      bad: 'stages:\n  train:  # the model\n    cmd: python src/train.py --features data/f && python -m churn.features\n    outs:\n      - model.pkl\n',
      range: [1, 2, 1, 7], message: "Stage 'train' has no deps, so DVC cannot tell when it is stale and `dvc repro` never reruns it.",
      fixed: 'stages:\n  train:  # the model\n    cmd: python src/train.py --features data/f && python -m churn.features\n    outs:\n      - model.pkl\n    deps:\n      - src/train.py\n      - src/churn/features.py\n',
      good: 'stages:\n  train:\n    cmd: python src/train.py\n    deps: [src/train.py]\n',
    },
    { name: 'cmd names no script that exists: no fix', file: 'dvc.yaml', bad: 'stages:\n  dl:\n    cmd: wget https://x/y.csv\n', range: [1, 2, 1, 4], message: /Stage 'dl' has no deps/ },
  ]);

  ruleCases('dvc/stage-no-outs', [
    {
      name: 'a stage with deps but no outputs', file: 'dvc.yaml',
      bad: 'stages:\n  featurize:\n    cmd: python f.py\n    deps:\n      - f.py\n',
      range: [1, 2, 1, 11], message: "Stage 'featurize' declares no outs, metrics or plots, so nothing it makes is cached or tracked.",
      fixed: 'stages:\n  featurize:\n    cmd: python f.py\n    deps:\n      - f.py\n    outs:\n      - path/to/output\n',
      good: 'stages:\n  evaluate:\n    cmd: python e.py\n    metrics:\n      - m.json:\n          cache: false\n',
    },
  ]);

  ruleCases('dvc/dep-missing', [
    {
      name: 'a misspelt script', file: 'dvc.yaml', repo: { 'train.py': 'x = 1\n', 'data/raw.csv.dvc': 'outs:\n- path: raw.csv\n' },
      bad: 'stages:\n  prep:\n    cmd: python prep.py\n    deps:\n      - data/raw.csv\n    outs:\n      - data/clean\n  train:\n    cmd: python train.py\n    deps:\n      - trian.py\n      - data/clean/part-0.parquet\n',
      range: [10, 8, 10, 16], count: 1, message: "Dependency 'trian.py' of stage 'train' exists neither in the repository nor as another stage's output.",
      good: 'stages:\n  train:\n    cmd: python train.py\n    deps:\n      - train.py\n',
    },
    {
      // Made by another stage: an out itself, a folder that holds one, a file below one; a name that only starts like one is not.
      name: "deps that other stages' outs account for, in a dvc.yaml below the root", file: 'ml/dvc.yaml', repo: { 'ml/prep.py': 'x = 1\n' },
      bad: 'stages:\n  prep:\n    cmd: python prep.py\n    deps:\n      - prep.py\n    outs:\n      - data/clean/train\n      - model.pkl\n  train:\n    cmd: python train.py\n    deps:\n      - model.pkl\n      - data\n      - data/clean\n      - data/clean/train/part-0.parquet\n      - data/cleaned\n',
      range: [15, 8, 15, 20], count: 1, message: "Dependency 'data/cleaned' of stage 'train' exists neither in the repository nor as another stage's output.",
    },
  ]);

  ruleCases('dvc/param-missing', [
    {
      name: 'a key missing from an existing section', file: 'dvc.yaml',
      repo: { 'params.yaml': '# training\ntrain:\n  epochs: 10   # full run\n\nprepare:\n  split: 0.2\n' },
      bad: 'stages:\n  train:\n    cmd: python t.py\n    params:\n      - train.epochs\n      - train.lr\n',
      range: [5, 8, 5, 16], message: "Parameter 'train.lr' of stage 'train' is not defined in params.yaml.",
      fixed: 'stages:\n  train:\n    cmd: python t.py\n    params:\n      - train.epochs\n      - train.lr\n',
      fixedFiles: { 'params.yaml': '# training\ntrain:\n  epochs: 10   # full run\n  lr: null\n\nprepare:\n  split: 0.2\n' },
      good: 'stages:\n  train:\n    cmd: python t.py\n    params:\n      - train.epochs\n      - prepare\n',
    },
    {
      name: 'a section missing from another params file', file: 'dvc.yaml',
      repo: { 'conf/model.yaml': 'depth: 3\n' },
      bad: 'stages:\n  train:\n    cmd: python t.py\n    params:\n      - conf/model.yaml:\n          - optimizer.lr\n',
      range: [5, 12, 5, 24], message: "Parameter 'optimizer.lr' of stage 'train' is not defined in conf/model.yaml.",
      fixed: 'stages:\n  train:\n    cmd: python t.py\n    params:\n      - conf/model.yaml:\n          - optimizer.lr\n',
      fixedFiles: { 'conf/model.yaml': 'depth: 3\noptimizer:\n  lr: null\n' },
    },
  ]);

  ruleCases('dvc/metrics-cached', [
    {
      name: 'a plain metrics entry', file: 'dvc.yaml',
      bad: 'stages:\n  evaluate:\n    cmd: python e.py\n    metrics:\n      - reports/metrics.json   # scores\n',
      range: [4, 8, 4, 28], message: "Metrics file 'reports/metrics.json' is cached by DVC, so `dvc metrics diff` across git history needs the cache; add `cache: false` to keep it in git.",
      fixed: 'stages:\n  evaluate:\n    cmd: python e.py\n    metrics:\n      - reports/metrics.json:\n          cache: false   # scores\n',
      good: 'stages:\n  evaluate:\n    cmd: python e.py\n    metrics:\n      - m.json:\n          cache: false\n',
    },
    {
      name: 'a metrics entry with options but no cache', file: 'dvc.yaml',
      bad: 'stages:\n  evaluate:\n    cmd: python e.py\n    metrics:\n      - m.json:\n          persist: true\n',
      range: [4, 8, 4, 14], message: /is cached by DVC/,
      fixed: 'stages:\n  evaluate:\n    cmd: python e.py\n    metrics:\n      - m.json:\n          persist: true\n          cache: false\n',
    },
    {
      name: 'cache: true', file: 'dvc.yaml',
      bad: 'stages:\n  e:\n    cmd: python e.py\n    metrics:\n      - m.json: {cache: true}\n',
      range: [4, 24, 4, 28], message: /is cached by DVC/,
      fixed: 'stages:\n  e:\n    cmd: python e.py\n    metrics:\n      - m.json: {cache: false}\n',
    },
  ]);

  ruleCases('dvc/absolute-path', [
    {
      name: 'an absolute path in cmd and in deps', file: 'dvc.yaml',
      bad: 'stages:\n  prep:\n    cmd: python prep.py /home/ana/raw.csv > /dev/null\n    deps:\n      - /home/ana/raw.csv\n',
      range: [2, 9, 2, 53], count: 2, message: "'python prep.py /home/ana/raw.csv > /dev/null' is an absolute path: the pipeline only works on this machine.",
      good: 'stages:\n  prep:\n    cmd: python prep.py data/raw.csv > /dev/null\n',
    },
  ]);

  ruleCases('dvc/no-remote', [
    {
      name: 'a config with no remote', file: '.dvc/config',
      bad: '[core]\n    autostage = true\n',
      range: [0, 0, 0, 6], message: 'No DVC remote is configured, so versioned data stays on this machine: nobody else can `dvc pull` it.',
      fixed: '[core]\n    autostage = true\n[\'remote "storage"\']\n    url = s3://your-bucket/dvc-store\n',
      good: "[core]\n    remote = storage\n['remote \"storage\"']\n    url = s3://b/p\n",
    },
  ]);
});
