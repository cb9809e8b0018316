import { ruleCases } from '../support/rules';

describe('Dockerfile rules', () => {
  ruleCases('docker/base-unpinned', [
    {
      name: 'latest and no tag; stage names, scratch and digests are fine', file: 'Dockerfile',
      bad: 'FROM python:3.11-slim AS build\nFROM build AS test\nFROM --platform=linux/amd64 python\nFROM scratch\n',
      range: [2, 5, 2, 34], count: 1, message: "Base image 'python' has no tag or uses :latest, so each build can start from a different image.",
      good: 'FROM python@sha256:0123abcd AS base\nFROM base\nARG IMG=python:3.11\nFROM ${IMG}\n',
    },
  ]);

  ruleCases('docker/root-user', [
    {
      name: 'no USER in the final stage', file: 'Dockerfile',
      bad: 'FROM python:3.11 AS build\nUSER app\nFROM python:3.11-slim\nCOPY --from=build /app /app\nCMD ["python", "/app/serve.py"]',
      range: [2, 0, 2, 21], message: 'No USER instruction after the last FROM: the container runs as root.',
      fixed: 'FROM python:3.11 AS build\nUSER app\nFROM python:3.11-slim\nCOPY --from=build /app /app\nCMD ["python", "/app/serve.py"]\nRUN useradd --create-home --uid 1000 app\nUSER app\n',
      good: 'FROM python:3.11-slim\nUSER 1000\n',
    },
    { name: 'USER root does not count; alpine gets adduser', file: 'Dockerfile', bad: 'FROM python:3.11-alpine\r\nUSER root\r\n', range: [0, 0, 0, 23], message: /runs as root/, fixed: 'FROM python:3.11-alpine\r\nUSER root\r\nRUN adduser -D -u 1000 app\r\nUSER app\r\n' },
  ]);

  ruleCases('docker/pip-cache', [
    {
      name: 'two pip installs in one RUN, across a continuation line', file: 'Dockerfile',
      bad: 'FROM python:3.11\nRUN pip install -U pip && \\\n    python -m pip install -r requirements.txt\n',
      range: [1, 4, 1, 27], message: '`pip install` without --no-cache-dir stores pip\'s download cache in the image layer.',
      fixed: 'FROM python:3.11\nRUN pip install --no-cache-dir -U pip && \\\n    python -m pip install --no-cache-dir -r requirements.txt\n',
      good: 'FROM python:3.11\nENV PIP_NO_CACHE_DIR=1\nRUN pip install -r requirements.txt\n',
    },
  ]);

  ruleCases('docker/no-healthcheck', [
    {
      name: 'EXPOSE without HEALTHCHECK', file: 'Dockerfile',
      bad: 'FROM python:3.11-slim\nEXPOSE 8000\nCMD ["uvicorn", "app:app"]\n',
      range: [1, 0, 1, 11], message: /exposes a port but declares no HEALTHCHECK/,
      fixed: 'FROM python:3.11-slim\nEXPOSE 8000\nHEALTHCHECK CMD curl -fsS http://localhost:8000/health || exit 1\nCMD ["uvicorn", "app:app"]\n',
      good: 'FROM python:3.11-slim\nEXPOSE 8000\nHEALTHCHECK CMD python -c "import urllib.request as u; u.urlopen(\'http://localhost:8000/health\')"\n',
    },
  ]);

  ruleCases('docker/copies-data', [
    {
      name: 'model weights copied in', file: 'Dockerfile',
      bad: 'FROM python:3.11\nCOPY src/ /app/src/\nCOPY --chown=app models/model.pt /app/models/\n',
      range: [2, 5, 2, 45], message: "'models/model.pt' is copied into the image: data and weights baked into layers are hard to trace and update.",
      good: 'FROM python:3.11\nCOPY src/ /app/src/\nCOPY --from=build /out/model.pt /app/\n',
    },
  ]);
});

describe('pre-commit, Kubernetes and GitLab rules', () => {
  ruleCases('precommit/rev-unpinned', [
    {
      name: 'a branch rev', file: '.pre-commit-config.yaml',
      bad: 'repos:\n  - repo: https://github.com/astral-sh/ruff-pre-commit\n    rev: main\n    hooks:\n      - id: ruff\n',
      range: [2, 9, 2, 13], message: "rev 'main' is a branch: hooks change under you, and pre-commit cannot cache them reliably.",
      good: 'repos:\n  - repo: local\n    hooks:\n      - id: x\n  - repo: https://github.com/psf/black\n    rev: 24.4.2\n',
    },
  ]);

  const deployment = (container: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: churn\nspec:\n  template:\n    spec:\n      containers:\n${container}`;
  ruleCases('k8s/no-resources', [
    {
      name: 'a Deployment container', file: 'k8s/deploy.yaml',
      bad: deployment('        - name: model\n          image: acme/churn:1.4.0\n          readinessProbe: {httpGet: {path: /health, port: 8080}}\n'),
      range: [8, 10, 8, 21], message: "Container 'model' sets no resource requests or limits: the scheduler cannot place it well and one model can starve its neighbours.",
      fixed: deployment('        - name: model\n          image: acme/churn:1.4.0\n          readinessProbe: {httpGet: {path: /health, port: 8080}}\n          resources:\n            requests:\n              cpu: 500m\n              memory: 1Gi\n            limits:\n              memory: 2Gi\n'),
      good: deployment('        - name: model\n          image: acme/churn:1.4.0\n          resources: {limits: {memory: 2Gi}}\n'),
    },
    {
      name: 'a KServe predictor', file: 'serving/isvc.yaml',
      bad: 'apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: churn\nspec:\n  predictor:\n    sklearn:\n      storageUri: gs://models/churn/1\n',
      range: [6, 4, 6, 11], message: "Container 'sklearn' sets no resource requests or limits: the scheduler cannot place it well and one model can starve its neighbours.",
      fixed: 'apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: churn\nspec:\n  predictor:\n    sklearn:\n      storageUri: gs://models/churn/1\n      resources:\n        requests:\n          cpu: 500m\n          memory: 1Gi\n        limits:\n          memory: 2Gi\n',
    },
  ]);

  ruleCases('k8s/no-probes', [
    {
      name: 'no probes, port taken from the container', file: 'k8s/deploy.yaml',
      bad: deployment('        - name: api\n          image: acme/api:2.0\n          ports:\n            - containerPort: 9000\n'),
      range: [8, 10, 8, 19], message: /Container 'api' has no readiness or liveness probe/,
      fixed: deployment('        - name: api\n          image: acme/api:2.0\n          ports:\n            - containerPort: 9000\n          readinessProbe:\n            httpGet:\n              path: /health\n              port: 9000\n'),
      good: deployment('        - name: api\n          image: acme/api:2.0\n          livenessProbe: {tcpSocket: {port: 9000}}\n'),
    },
  ]);

  ruleCases('k8s/image-latest', [
    {
      name: 'an image without a tag in a Seldon deployment', file: 'seldon.yaml',
      bad: 'apiVersion: machinelearning.seldon.io/v1\nkind: SeldonDeployment\nspec:\n  predictors:\n    - componentSpecs:\n        - spec:\n            containers:\n              - name: classifier\n                image: acme/churn\n',
      range: [8, 23, 8, 33], message: "Image 'acme/churn' has no tag or uses :latest: you cannot tell which model version is running, nor roll back.",
      good: 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: m\n      image: registry:5000/acme/churn:1.4.0\n',
    },
  ]);

  ruleCases('gitlab/no-tests', [
    {
      name: 'a pipeline that trains but never tests', file: '.gitlab-ci.yml',
      bad: 'image: python:3.11\n\ntrain:\n  script:\n    - python train.py\n',
      range: [0, 0, 0, 18], message: 'No CI job runs the tests.',
      fixed: 'image: python:3.11\n\ntrain:\n  script:\n    - python train.py\ntest:\n  stage: test\n  script:\n    - pip install -r requirements.txt\n    - python -m pytest\n',
      good: 'unit:\n  script:\n    - pytest\n',
    },
  ]);

  ruleCases('gitlab/image-latest', [
    {
      name: 'untagged and latest images', file: '.gitlab-ci.yml',
      bad: 'image: python\nstages: [test]\ntrain:\n  image:\n    name: pytorch/pytorch:latest\n  script: [python train.py]\n',
      range: [0, 7, 0, 13], count: 2, message: 'Image python has no tag or uses :latest, so the CI environment changes without a commit.',
      good: 'image: python:3.11\ntrain:\n  image: $CI_REGISTRY_IMAGE/trainer:$CI_COMMIT_SHA\n  script: [x]\n',
    },
  ]);
});

describe('params and MLproject rules', () => {
  ruleCases('params/no-seed', [
    {
      name: 'no seed anywhere', file: 'params.yaml',
      bad: '# hyperparameters\ntrain:\n  lr: 0.01\n',
      range: [0, 0, 0, 17], message: 'No seed is set in the project\'s params files or code, so two runs of the same pipeline can train different models.',
      fixed: '# hyperparameters\ntrain:\n  lr: 0.01\nseed: 42\n',
      good: 'train:\n  lr: 0.01\n  random_state: 7\n',
    },
  ]);

  ruleCases('params/unused', [
    {
      name: 'a section no stage reads', file: 'params.yaml',
      repo: { 'dvc.yaml': 'stages:\n  train:\n    cmd: python t.py\n    params:\n      - train.lr\n      - seed\n' },
      bad: 'seed: 1\ntrain:\n  lr: 0.01\nold_run:\n  lr: 0.3\n',
      range: [3, 0, 3, 7], count: 1, message: "'old_run' is read by no dvc.yaml stage, so changing it does not rerun anything.",
      good: 'seed: 1\ntrain:\n  lr: 0.01\n',
    },
  ]);

  ruleCases('mlproject/schema', [
    {
      name: 'an entry point without command', file: 'MLproject',
      bad: 'name: churn\nentry_points:\n  main:\n    parameters:\n      alpha: {type: float, default: 0.5}\n',
      range: [2, 2, 2, 6], message: "'command' is missing: MLflow cannot run this command.",
      good: 'name: churn\nentry_points:\n  main:\n    command: python train.py\n',
    },
  ]);

  ruleCases('mlproject/no-env', [
    {
      name: 'no environment: python_env.yaml created from requirements', file: 'MLproject',
      repo: { 'requirements.txt': 'pandas==2.2.2\nmlflow==2.14.1\n', '.python-version': '3.11\n' },
      bad: 'name: churn\nentry_points:\n  main:\n    command: python train.py\n',
      range: [0, 0, 0, 11], message: /names no python_env, conda_env or docker_env/,
      fixed: 'name: churn\nentry_points:\n  main:\n    command: python train.py\npython_env: python_env.yaml\n',
      fixedFiles: { 'python_env.yaml': 'python: "3.11"\nbuild_dependencies:\n  - pip\ndependencies:\n  - pandas==2.2.2\n  - mlflow==2.14.1\n' },
      good: 'name: churn\nconda_env: conda.yaml\nentry_points:\n  main:\n    command: python train.py\n',
    },
  ]);

  ruleCases('mlproject/param-untyped', [
    {
      name: 'a parameter with a default but no type', file: 'MLproject',
      bad: 'name: churn\nentry_points:\n  main:\n    parameters:\n      alpha: {default: 0.5}\n      data: {default: data/train.csv}\n    command: python train.py --alpha {alpha} --data {data}\n',
      range: [4, 6, 4, 11], count: 2, message: "Parameter 'alpha' has no type, so MLflow passes it as an unchecked string.",
      fixed: 'name: churn\nentry_points:\n  main:\n    parameters:\n      alpha: {default: 0.5, type: float}\n      data: {default: data/train.csv, type: path}\n    command: python train.py --alpha {alpha} --data {data}\n',
      good: 'entry_points:\n  main:\n    parameters:\n      alpha: float\n    command: x\n',
    },
  ]);
});
