import { ruleCases } from '../support/rules';

const POETRY_LOCK = '[[package]]\nname = "pandas"\nversion = "2.2.2"\n\n[[package]]\nname = "scikit-learn"\nversion = "1.5.0"\n\n[[package]]\nname = "uvicorn"\nversion = "0.30.1"\n';

describe('dependency rules', () => {
  ruleCases('reqs/unpinned', [
    {
      name: 'pinned from the project lockfile, comments and markers kept', file: 'requirements.txt', repo: { 'poetry.lock': POETRY_LOCK },
      bad: '# runtime\npandas>=2.0  # data frames\nscikit-learn\nuvicorn[standard] ; python_version >= "3.10"\nrequests\n',
      range: [1, 0, 1, 11], count: 4, message: "'pandas' is not pinned to an exact version (>=2.0), so a rebuild can install different code.",
      fixed: '# runtime\npandas==2.2.2  # data frames\nscikit-learn==1.5.0\nuvicorn[standard]==0.30.1 ; python_version >= "3.10"\nrequests\n',
      good: 'pandas==2.2.2\n-e .\ngit+https://github.com/o/r.git@0123456789abcdef0123456789abcdef01234567#egg=r\n',
    },
    {
      name: 'pinned from a virtualenv in the workspace', file: 'requirements.txt',
      repo: { '.venv/pyvenv.cfg': 'home = /usr/bin\n', '.venv/lib/python3.11/site-packages/torch-2.3.1.dist-info/METADATA': 'Metadata-Version: 2.1\nName: torch\nVersion: 2.3.1\n' },
      bad: 'torch\r\n',
      range: [0, 0, 0, 5], message: "'torch' is not pinned to an exact version, so a rebuild can install different code.",
      fixed: 'torch==2.3.1\r\n',
    },
    { name: 'no known version: no fix, never an invented one', file: 'requirements.txt', bad: 'xgboost~=2.0\n', range: [0, 0, 0, 12], message: /'xgboost' is not pinned to an exact version \(~=2\.0\)/ },
  ]);

  ruleCases('reqs/duplicate', [
    {
      name: 'the same package under another spelling', file: 'requirements.txt',
      bad: 'numpy==1.26.4\npandas==2.2.2\nNumPy==1.26.4  # again\nflask\n',
      range: [2, 0, 2, 13], count: 1, message: "'NumPy' is listed twice in this file; pip fails on conflicting specifiers and the second line is easy to miss when upgrading.",
      fixed: 'numpy==1.26.4\npandas==2.2.2\nflask\n',
      good: 'numpy==1.26.4\npandas==2.2.2\n',
    },
    {
      name: 'conflicting specifiers: the fix is offered but not preferred for fix-all', file: 'requirements.txt',
      bad: 'scikit_learn==1.4.0\nscikit-learn==1.5.0\n',
      range: [1, 0, 1, 19], message: /'scikit-learn' is listed twice/,
      fixed: 'scikit_learn==1.4.0\n',
    },
  ]);

  ruleCases('reqs/vcs-unpinned', [
    {
      name: 'a git requirement on a branch', file: 'requirements.txt',
      bad: 'pandas==2.2.2\ngit+https://github.com/org/featurelib.git@main#egg=featurelib\n',
      range: [1, 0, 1, 61], message: "'featurelib' is installed from a repository without a commit hash: the branch moves, and so does your code.",
      good: 'git+https://github.com/org/featurelib.git@4f1c0e7d7a1b2c3d4e5f60718293a4b5c6d7e8f9#egg=featurelib\n',
    },
  ]);

  ruleCases('pyproject/no-lockfile', [
    {
      name: 'a poetry project with ranges and no poetry.lock', file: 'pyproject.toml',
      bad: '[tool.poetry]\nname = "x"\n\n[tool.poetry.dependencies]\npython = "^3.11"\npandas = "^2.2"\n',
      range: [3, 13, 3, 25], message: 'This poetry project has version ranges but no lockfile: run `poetry lock` and commit the lockfile so every install resolves the same versions.',
      good: '[tool.poetry]\nname = "x"\n\n[tool.poetry.dependencies]\npython = "^3.11"\npandas = "2.2.2"\n',
    },
    {
      name: 'a uv project', file: 'pyproject.toml',
      bad: '[project]\nname = "x"\ndependencies = ["torch>=2"]\n\n[tool.uv]\ndev-dependencies = []\n',
      range: [2, 15, 2, 27], message: /uv project .* run `uv lock`/,
    },
  ]);

  ruleCases('conda/unpinned', [
    {
      name: 'conda and pip dependencies, pinned from a conda-lock file', file: 'environment.yml',
      repo: { 'conda-lock.yml': 'package:\n  - name: numpy\n    manager: conda\n    version: 1.26.4\n  - name: mlflow\n    manager: pip\n    version: 2.14.1\n' },
      bad: 'name: churn\ndependencies:\n  - python=3.11\n  - conda-forge::numpy   # arrays\n  - pip\n  - pip:\n      - mlflow>=2\n',
      range: [3, 4, 3, 22], count: 2, message: "'numpy' has no exact version in this environment file, so recreating the environment can install different code.",
      fixed: 'name: churn\ndependencies:\n  - python=3.11\n  - conda-forge::numpy=1.26.4   # arrays\n  - pip\n  - pip:\n      - mlflow==2.14.1\n',
      good: 'dependencies:\n  - python=3.11\n  - numpy=1.26.4\n  - pip:\n      - mlflow==2.14.1\n',
    },
  ]);

  ruleCases('bento/packages-unpinned', [
    {
      name: 'unpinned packages', file: 'bentofile.yaml', repo: { 'poetry.lock': POETRY_LOCK },
      bad: 'service: "service:svc"\npython:\n  packages:\n    - scikit-learn\n    - "pandas"\n',
      range: [3, 6, 3, 18], count: 2, message: "'scikit-learn' in python.packages has no exact version, so each `bentoml build` can package different library code with the same model.",
      fixed: 'service: "service:svc"\npython:\n  packages:\n    - scikit-learn==1.5.0\n    - "pandas==2.2.2"\n',
      good: 'service: "service:svc"\npython:\n  packages:\n    - scikit-learn==1.5.0\n',
    },
  ]);
});
