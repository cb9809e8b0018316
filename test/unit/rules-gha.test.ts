import { ruleCases } from '../support/rules';

const WF = '.github/workflows/ci.yml';

describe('GitHub Actions rules', () => {
  ruleCases('gha/schema', [
    { name: 'a workflow without jobs', file: WF, bad: 'name: ci\non: push\n', range: [0, 0, 0, 8], message: "The workflow has no 'jobs' key, so GitHub will not run it.", good: 'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: echo\n' },
    { name: 'a job with neither runs-on nor uses', file: WF, bad: 'on: push\njobs:\n  test:\n    steps:\n      - run: pytest\n', range: [2, 2, 2, 6], message: /has neither runs-on nor uses/ },
    { name: 'a step with neither uses nor run', file: WF, bad: 'on: push\njobs:\n  test:\n    runs-on: x\n    steps:\n      - name: nothing\n', range: [5, 8, 5, 21], message: /neither uses nor run/ },
  ]);

  ruleCases('gha/no-timeout', [
    {
      name: 'a job without timeout-minutes', file: WF,
      bad: 'on: push\njobs:\n  train:   # nightly\n    runs-on: ubuntu-latest\n    steps:\n      - run: dvc repro\n\n  # next\n  lint:\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n    steps:\n      - run: ruff check\n',
      range: [2, 2, 2, 7], count: 1,
      message: "Job 'train' has no timeout-minutes: a hung training job runs for the 6-hour default and burns runner time.",
      fixed: 'on: push\njobs:\n  train:   # nightly\n    runs-on: ubuntu-latest\n    steps:\n      - run: dvc repro\n    timeout-minutes: 60\n\n  # next\n  lint:\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n    steps:\n      - run: ruff check\n',
      good: 'on: push\njobs:\n  call:\n    uses: org/repo/.github/workflows/x.yml@v1\n',
    },
    { name: 'CRLF stays CRLF', file: WF, bad: 'on: push\r\njobs:\r\n  t:\r\n    runs-on: x\r\n', range: [2, 2, 2, 3], message: /Job 't'/, fixed: 'on: push\r\njobs:\r\n  t:\r\n    runs-on: x\r\n    timeout-minutes: 60\r\n' },
  ]);

  ruleCases('gha/no-permissions', [
    {
      name: 'no permissions anywhere', file: WF,
      bad: 'name: ci  # main\non: push\njobs:\n  t:\n    runs-on: x\n',
      range: [0, 0, 0, 16], message: /limit `permissions`/,
      fixed: 'name: ci  # main\non: push\njobs:\n  t:\n    runs-on: x\npermissions:\n  contents: read\n',
      good: 'on: push\njobs:\n  t:\n    runs-on: x\n    permissions:\n      contents: read\n',
    },
  ]);

  ruleCases('gha/setup-python-no-version', [
    {
      name: 'no with: at all, version from pyproject', file: WF, repo: { 'pyproject.toml': '[project]\nname = "x"\nrequires-python = ">=3.10"\n' },
      bad: 'on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - uses: actions/setup-python@v5\n      - run: pytest\n',
      range: [5, 8, 5, 37], message: /has no python-version/,
      fixed: 'on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - uses: actions/setup-python@v5\n        with:\n          python-version: "3.10"\n      - run: pytest\n',
      good: 'on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - uses: actions/setup-python@v5\n        with:\n          python-version-file: .python-version\n',
    },
    {
      name: 'a floating version, from .python-version', file: WF, repo: { '.python-version': '3.11.9\n' },
      bad: 'on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - uses: actions/setup-python@v5\n        with: {python-version: "3.x", cache: pip}\n',
      range: [6, 31, 6, 36], message: "python-version '3.x' floats: pin the version the project uses.",
      fixed: 'on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - uses: actions/setup-python@v5\n        with: {python-version: "3.11", cache: pip}\n',
    },
    {
      name: 'with: but no version, and the project declares none: no fix', file: WF,
      bad: 'on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - uses: actions/setup-python@v5\n        with:\n          cache: pip\n',
      range: [6, 8, 6, 12], message: /has no python-version/,
    },
  ]);

  ruleCases('gha/no-dependency-cache', [
    {
      name: 'pip install without cache', file: WF,
      bad: 'on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - uses: actions/setup-python@v5\n        with:\n          python-version: "3.11"\n      - run: pip install -r requirements.txt\n',
      range: [6, 8, 6, 12], message: 'actions/setup-python has no `cache:` although the job installs with pip: every run downloads every package again.',
      fixed: 'on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - uses: actions/setup-python@v5\n        with:\n          python-version: "3.11"\n          cache: pip\n      - run: pip install -r requirements.txt\n',
      good: 'on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - uses: actions/setup-python@v5\n        with:\n          python-version: "3.11"\n      - run: python train.py\n',
    },
    {
      name: 'poetry install, no with:', file: WF,
      bad: 'on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - uses: actions/setup-python@v5\n      - run: poetry install\n',
      range: [5, 8, 5, 37], message: /installs with poetry/,
      fixed: 'on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - uses: actions/setup-python@v5\n        with:\n          cache: poetry\n      - run: poetry install\n',
    },
  ]);

  ruleCases('gha/action-unpinned', [
    {
      name: 'a well-known action on a branch', file: WF,
      bad: 'on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@main  # latest!\n',
      range: [5, 14, 5, 35], message: "'actions/checkout@v4' would be reproducible; this step runs whatever the action's branch holds today.",
      fixed: 'on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4  # latest!\n',
      good: 'on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n      - uses: ./.github/actions/local\n      - uses: some/action@8f4b7f84864484a7bf31766abe9204da3cbe65b3\n',
    },
    { name: 'an unknown action without a ref: no fix', file: WF, bad: 'on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - uses: acme/deploy\n', range: [5, 14, 5, 25], message: /runs whatever/ },
  ]);

  ruleCases('gha/script-injection', [
    {
      name: 'an issue title in a run script', file: WF,
      bad: 'on: issues\njobs:\n  t:\n    runs-on: x\n    steps:\n      - run: echo "${{ github.event.issue.title }}" >> log\n',
      range: [5, 13, 5, 58], message: /`\$\{\{ github\.event\.issue\.title \}\}` is pasted into the shell script/,
      fixed: 'on: issues\njobs:\n  t:\n    runs-on: x\n    steps:\n      - run: echo "$ISSUE_TITLE" >> log\n        env:\n          ISSUE_TITLE: ${{ github.event.issue.title }}\n',
      good: 'on: issues\njobs:\n  t:\n    runs-on: x\n    steps:\n      - run: echo "${{ github.event.issue.number }}"\n',
    },
    {
      name: 'the head ref, with an env block already there', file: WF,
      bad: 'on: pull_request\njobs:\n  t:\n    runs-on: x\n    steps:\n      - env:\n          A: 1\n        run: git checkout ${{ github.head_ref }}\n',
      range: [7, 13, 7, 48], message: /github\.head_ref/,
      fixed: 'on: pull_request\njobs:\n  t:\n    runs-on: x\n    steps:\n      - env:\n          A: 1\n          HEAD_REF: ${{ github.head_ref }}\n        run: git checkout $HEAD_REF\n',
    },
  ]);

  ruleCases('gha/pwn-request', [
    {
      name: 'pull_request_target checking out the head sha', file: WF,
      bad: 'on: pull_request_target\njobs:\n  t:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n      - run: pip install .\n',
      range: [7, 15, 7, 56], message: /pwn request/,
      good: 'on: pull_request_target\njobs:\n  t:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n      - run: echo label\n',
    },
  ]);

  ruleCases('gha/no-tests', [
    {
      name: 'a Python job that never runs tests', file: WF,
      bad: 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/setup-python@v5\n        with:\n          python-version: "3.11"\n      - run: pip install -r requirements.txt\n      - run: python train.py --smoke\n',
      range: [2, 2, 2, 7], message: "No CI job runs the tests: job 'build' could run pytest after installing the dependencies.",
      fixed: 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/setup-python@v5\n        with:\n          python-version: "3.11"\n      - run: pip install -r requirements.txt\n      - run: python -m pytest\n      - run: python train.py --smoke\n',
      good: 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n',
      repo: { Makefile: 'test:\n\tpytest\n' },
    },
    {
      name: 'the workflow that sets up Python is the one that gets the finding', file: '.github/workflows/b.yml',
      repo: { '.github/workflows/a.yml': 'on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - run: echo hello\n' },
      bad: 'on: push\njobs:\n  lint:\n    runs-on: x\n    steps:\n      - uses: actions/setup-python@v5\n      - run: tox -e lint\n      - run: echo\n',
      range: [2, 2, 2, 6], message: /job 'lint'/,
      fixed: 'on: push\njobs:\n  lint:\n    runs-on: x\n    steps:\n      - uses: actions/setup-python@v5\n      - run: python -m pytest\n      - run: tox -e lint\n      - run: echo\n',
    },
  ]);
});

describe('gha/no-tests across workflows', () => {
  it('does not fire when another workflow runs the tests', async () => {
    const { analyzeFiles } = await import('../support/repo');
    const result = await analyzeFiles({
      '.github/workflows/a.yml': 'on: push\njobs:\n  lint:\n    runs-on: x\n    steps:\n      - uses: actions/setup-python@v5\n      - run: ruff check\n',
      '.github/workflows/b.yml': 'on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - run: tox\n',
    });
    require('assert').deepStrictEqual(result.findings.filter((f) => f.ruleId === 'gha/no-tests'), []);
  });
});
