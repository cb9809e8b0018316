import * as assert from 'assert';
import { analyzeFiles, GIT, practiceCases, practiceOf } from '../support/repo';

const MB = 1024 * 1024;

describe('Level 1 practices', () => {
  practiceCases('vcs.git', [
    { name: '.git folder at the root', files: { ...GIT, 'README.md': '# x\n\nText.\n' }, verdict: 'met', file: '.git' },
    { name: '.git file (a worktree or submodule)', files: { '.git': 'gitdir: ../.git/worktrees/x\n', 'train.py': 'x = 1\n' }, verdict: 'met', file: '.git' },
    { name: 'no git anywhere above', files: { 'README.md': '# Project\n\nSome text.\n' }, verdict: 'missing', file: 'README.md' },
  ]);

  practiceCases('vcs.no-large-files', [
    { name: 'small files only', files: { 'train.py': 'x = 1\n' }, verdict: 'met' },
    { name: 'a large file that .gitignore excludes', files: { '.gitignore': 'data/\n', 'data/big.csv': Buffer.alloc(11 * MB) }, verdict: 'met' },
    { name: 'a large file tracked by DVC (pointer file)', files: { 'data/big.csv': Buffer.alloc(11 * MB), 'data/big.csv.dvc': 'outs:\n- md5: abc\n  path: big.csv\n' }, verdict: 'met' },
    { name: 'a large file covered by git-lfs', files: { '.gitattributes': '*.pt filter=lfs diff=lfs merge=lfs -text\n', 'models/w.pt': Buffer.alloc(11 * MB) }, verdict: 'met' },
    { name: 'a large file a dvc.yaml stage outputs', files: { 'dvc.yaml': 'stages:\n  prep:\n    cmd: python prep.py\n    outs:\n      - data/features\n', 'data/features/f.parquet': Buffer.alloc(11 * MB) }, verdict: 'met' },
    { name: 'one large file', files: { 'data/big.csv': Buffer.alloc(11 * MB), 'README.md': '# x\n' }, verdict: 'partial', file: 'data/big.csv' },
    { name: 'three large files', files: { 'a.bin': Buffer.alloc(11 * MB), 'b.bin': Buffer.alloc(11 * MB), 'c.bin': Buffer.alloc(11 * MB) }, verdict: 'missing', file: 'a.bin' },
  ]);

  it('vcs.no-large-files: each offender gets its own finding', async () => {
    const result = await analyzeFiles({ 'a.bin': Buffer.alloc(11 * MB), 'b.bin': Buffer.alloc(11 * MB), 'c.bin': Buffer.alloc(11 * MB) });
    assert.deepStrictEqual(result.findings.filter((f) => f.ruleId === 'vcs.no-large-files').map((f) => f.file), ['a.bin', 'b.bin', 'c.bin']);
  });

  it('vcs.no-large-files: the threshold is configurable', async () => {
    const result = await analyzeFiles({ '.mlmaturity.yml': 'largeFileThresholdMB: 1\n', 'data.csv': Buffer.alloc(2 * MB) });
    assert.strictEqual(practiceOf(result, 'vcs.no-large-files').verdict, 'partial');
  });

  practiceCases('deps.declared', [
    { name: 'requirements.txt', files: { 'requirements.txt': 'pandas==2.2.2\n' }, verdict: 'met', file: 'requirements.txt', line: 1 },
    { name: 'pyproject [project] dependencies', files: { 'pyproject.toml': '[project]\nname = "x"\ndependencies = [\n  "torch>=2",\n]\n' }, verdict: 'met', file: 'pyproject.toml', line: 4 },
    { name: 'poetry dependencies', files: { 'pyproject.toml': '[tool.poetry.dependencies]\npython = "^3.10"\nxgboost = "^2.0"\n' }, verdict: 'met', file: 'pyproject.toml', line: 3 },
    { name: 'environment.yml', files: { 'environment.yml': 'name: x\ndependencies:\n  - python=3.11\n  - numpy=1.26.4\n' }, verdict: 'met', file: 'environment.yml', line: 4 },
    { name: 'setup.py install_requires (read as text, never run)', files: { 'setup.py': 'from setuptools import setup\nsetup(\n    name="x",\n    install_requires=[\n        "lightgbm>=4",\n    ],\n)\n' }, verdict: 'met', file: 'setup.py', line: 5 },
    { name: 'setup.cfg install_requires', files: { 'setup.cfg': '[metadata]\nname = x\n\n[options]\ninstall_requires =\n    requests\n    numpy==1.26.4\n' }, verdict: 'met', file: 'setup.cfg' },
    { name: 'Pipfile', files: { Pipfile: '[packages]\nflask = "*"\n' }, verdict: 'met', file: 'Pipfile', line: 2 },
    { name: 'MLflow python_env.yaml', files: { 'python_env.yaml': 'python: "3.10"\ndependencies:\n  - mlflow==2.14.1\n' }, verdict: 'met', file: 'python_env.yaml', line: 3 },
    { name: 'an empty requirements.txt', files: { 'requirements.txt': '# nothing yet\n', 'README.md': '# x\n\nText here.\n' }, verdict: 'missing', file: 'README.md' },
    { name: 'a conda env that only names python', files: { 'environment.yml': 'dependencies:\n  - python=3.11\n  - pip\n' }, verdict: 'missing' },
  ]);

  practiceCases('docs.readme', [
    { name: 'README with prose', files: { 'README.md': '# Churn\n\nPredicts churn for the retention team.\n' }, verdict: 'met', file: 'README.md' },
    { name: 'README.rst with content', files: { 'README.rst': 'Churn\n=====\n\nPredicts churn.\n' }, verdict: 'met', file: 'README.rst' },
    { name: 'a README with only a title', files: { 'README.md': '# my-project\n' }, verdict: 'missing', file: 'README.md' },
    { name: 'no README', files: { 'train.py': 'x = 1\n' }, verdict: 'missing', file: 'train.py' },
  ]);

  practiceCases('tests.present', [
    { name: 'tests/test_x.py with assert', files: { 'tests/test_utils.py': 'def test_add():\n    assert 1 + 1 == 2\n' }, verdict: 'met', file: 'tests/test_utils.py' },
    { name: 'a unittest TestCase', files: { 'src/pkg/utils_test.py': 'import unittest\n\nclass T(unittest.TestCase):\n    def test_x(self):\n        self.assertEqual(1, 1)\n' }, verdict: 'met', file: 'src/pkg/utils_test.py' },
    { name: 'a file under test/ using pytest.raises', files: { 'test/checks.py': 'import pytest\n\ndef test_raises():\n    with pytest.raises(ValueError):\n        int("x")\n' }, verdict: 'met', file: 'test/checks.py' },
    { name: 'a test file that only prints', files: { 'tests/test_model.py': 'def test_model():\n    print("looks fine")\n' }, verdict: 'missing', file: 'tests/test_model.py' },
    { name: 'an assert only in a comment', files: { 'test_x.py': '# assert x == 1\nprint(1)\n' }, verdict: 'missing', file: 'test_x.py' },
    { name: 'no tests', files: { 'train.py': 'print(1)\n' }, verdict: 'missing', file: 'train.py' },
  ]);

  practiceCases('ci.present', [
    { name: 'GitHub Actions', files: { '.github/workflows/ci.yml': 'on: push\njobs:\n  hello:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n' }, verdict: 'met', file: '.github/workflows/ci.yml' },
    { name: 'GitLab CI', files: { '.gitlab-ci.yml': 'test:\n  script:\n    - pip install -r requirements.txt\n' }, verdict: 'met', file: '.gitlab-ci.yml' },
    { name: 'CircleCI', files: { '.circleci/config.yml': 'version: 2.1\njobs:\n  build:\n    docker:\n      - image: cimg/python:3.11\n    steps:\n      - checkout\n' }, verdict: 'met', file: '.circleci/config.yml' },
    { name: 'Azure Pipelines recognised by content', files: { 'ci/build.yml': 'trigger:\n  - main\npool:\n  vmImage: ubuntu-latest\nsteps:\n  - script: echo hello\n' }, verdict: 'met', file: 'ci/build.yml' },
    { name: 'Google Cloud Build by content', files: { 'deploy/build.yaml': 'steps:\n  - name: gcr.io/cloud-builders/docker\n    args: ["build", "-t", "x", "."]\n' }, verdict: 'met', file: 'deploy/build.yaml' },
    { name: 'AWS CodeBuild buildspec', files: { 'buildspec.yml': 'version: 0.2\nphases:\n  build:\n    commands:\n      - echo build\n' }, verdict: 'met', file: 'buildspec.yml' },
    { name: 'Jenkinsfile', files: { Jenkinsfile: "pipeline {\n  agent any\n  stages {\n    stage('Test') {\n      steps { sh 'pytest' }\n    }\n  }\n}\n" }, verdict: 'met', file: 'Jenkinsfile' },
    { name: 'Tekton task manifest', files: { 'k8s/task.yaml': 'apiVersion: tekton.dev/v1\nkind: Task\nmetadata:\n  name: unit\nspec:\n  steps:\n    - name: test\n      image: python:3.11\n      script: pytest -q\n' }, verdict: 'met', file: 'k8s/task.yaml' },
    { name: 'an Argo workflow', files: { 'argo/train.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nspec:\n  templates:\n    - name: train\n      container:\n        image: trainer:1\n        command: [python, train.py]\n' }, verdict: 'met', file: 'argo/train.yaml' },
    { name: 'a nested monorepo workflow', files: { 'services/model/.github/workflows/ci.yml': 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pip install .\n' }, verdict: 'met', file: 'services/model/.github/workflows/ci.yml' },
    { name: 'a workflow with a YAML syntax error', files: { '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    steps: [\n', 'requirements.txt': 'numpy\n' }, verdict: 'missing', file: '.github/workflows/ci.yml' },
    { name: 'an empty workflow file', files: { '.github/workflows/ci.yml': '', 'requirements.txt': 'numpy\n' }, verdict: 'missing', file: '.github/workflows/ci.yml' },
    { name: 'no CI at all', files: { 'requirements.txt': 'numpy\n' }, verdict: 'missing', file: 'requirements.txt' },
  ]);

  it('ci.present: a CI file with a syntax error is reported on the exact line', async () => {
    const result = await analyzeFiles({ '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    runs-on: [ubuntu\n    steps: []\n' });
    const syntax = result.findings.find((f) => f.ruleId === 'yaml/syntax');
    assert.ok(syntax, 'a yaml/syntax finding');
    assert.strictEqual(syntax.file, '.github/workflows/ci.yml');
    assert.strictEqual(syntax.severity, 'error');
    assert.ok(syntax.range.start.line >= 3 && syntax.range.start.line <= 4, `line ${syntax.range.start.line}`);
    assert.match(practiceOf(result, 'ci.present').summary, /does not parse/);
  });

  practiceCases('quality.lint', [
    { name: 'ruff configured in pyproject', files: { 'pyproject.toml': '[project]\nname = "x"\n\n[tool.ruff]\nline-length = 100\n' }, verdict: 'met', file: 'pyproject.toml', line: 4 },
    { name: 'flake8 in setup.cfg', files: { 'setup.cfg': '[flake8]\nmax-line-length = 100\n' }, verdict: 'met', file: 'setup.cfg' },
    { name: 'mypy.ini', files: { 'mypy.ini': '[mypy]\nstrict = True\n' }, verdict: 'met', file: 'mypy.ini' },
    { name: 'black as a dev dependency', files: { 'requirements-dev.txt': 'black==24.4.2\n' }, verdict: 'met', file: 'requirements-dev.txt' },
    { name: 'a pre-commit ruff hook', files: { '.pre-commit-config.yaml': 'repos:\n  - repo: https://github.com/astral-sh/ruff-pre-commit\n    rev: v0.5.0\n    hooks:\n      - id: ruff\n' }, verdict: 'met', file: '.pre-commit-config.yaml', line: 5 },
    { name: 'nothing configured', files: { 'requirements.txt': 'numpy==1.26.4\n' }, verdict: 'missing', file: 'requirements.txt' },
  ]);
});
