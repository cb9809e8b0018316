import { practiceCases } from '../support/repo';

const workflow = (...runs: string[]) =>
  `name: ci\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n${runs.map((r) => `      - run: ${r}\n`).join('')}`;

describe('Level 3 practices', () => {
  practiceCases('ci.tests', [
    { name: 'pytest in a GitHub workflow', files: { '.github/workflows/ci.yml': workflow('pip install -r requirements.txt', 'python -m pytest -q') }, verdict: 'met', file: '.github/workflows/ci.yml', line: 9 },
    { name: 'a multi-line run block', files: { '.github/workflows/ci.yml': 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          pip install .\n          pytest tests/\n' }, verdict: 'met', file: '.github/workflows/ci.yml', line: 8 },
    { name: 'make test, following the Makefile target', files: { '.github/workflows/ci.yml': workflow('make test'), Makefile: 'install:\n\tpip install -r requirements.txt\n\ntest: install\n\t$(PYTHON) -m pytest -x\n' }, verdict: 'met', file: 'Makefile', line: 5 },
    { name: 'a script that runs the tests, followed one level', files: { '.gitlab-ci.yml': 'test:\n  script:\n    - bash scripts/test.sh\n', 'scripts/test.sh': '#!/bin/sh\nset -e\npytest --cov\n' }, verdict: 'met', file: 'scripts/test.sh', line: 3 },
    { name: 'tox in CircleCI', files: { '.circleci/config.yml': 'version: 2.1\njobs:\n  test:\n    docker:\n      - image: cimg/python:3.11\n    steps:\n      - checkout\n      - run:\n          name: tests\n          command: tox\n' }, verdict: 'met', file: '.circleci/config.yml', line: 10 },
    { name: 'nox in Azure Pipelines', files: { 'azure-pipelines.yml': 'trigger: [main]\npool: {vmImage: ubuntu-latest}\nsteps:\n  - script: nox -s tests\n' }, verdict: 'met', file: 'azure-pipelines.yml' },
    { name: 'Jenkins sh step', files: { Jenkinsfile: "pipeline {\n  stages {\n    stage('t') { steps { sh 'python -m unittest discover' } }\n  }\n}\n" }, verdict: 'met', file: 'Jenkinsfile', line: 3 },
    { name: 'a workflow whose only test step is commented out', files: { '.github/workflows/ci.yml': 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pip install -r requirements.txt\n      # - run: pytest\n' }, verdict: 'missing', file: '.github/workflows/ci.yml' },
    { name: 'a pytest line commented out inside the script', files: { '.github/workflows/ci.yml': 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          pip install .\n          # pytest\n' }, verdict: 'missing' },
    { name: 'make test without a Makefile', files: { '.github/workflows/ci.yml': workflow('make test') }, verdict: 'missing' },
    { name: 'a test step in a workflow that does not parse', files: { '.github/workflows/ci.yml': 'on: push\njobs:\n  t:\n    steps:\n      - run: pytest\n     bad: [\n' }, verdict: 'missing', file: '.github/workflows/ci.yml' },
  ]);

  practiceCases('ci.lint', [
    { name: 'ruff check', files: { '.github/workflows/ci.yml': workflow('ruff check .') }, verdict: 'met', file: '.github/workflows/ci.yml', line: 8 },
    { name: 'black --check and mypy', files: { '.gitlab-ci.yml': 'lint:\n  script:\n    - black --check .\n    - mypy src\n' }, verdict: 'met', file: '.gitlab-ci.yml', line: 3 },
    { name: 'pre-commit run --all-files', files: { '.github/workflows/ci.yml': workflow('pre-commit run --all-files') }, verdict: 'met', file: '.github/workflows/ci.yml' },
    { name: 'the pre-commit action', files: { '.github/workflows/ci.yml': 'on: push\njobs:\n  l:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: pre-commit/action@v3.0.1\n' }, verdict: 'met', file: '.github/workflows/ci.yml', line: 6 },
    { name: 'only tests', files: { '.github/workflows/ci.yml': workflow('pytest') }, verdict: 'missing', file: '.github/workflows/ci.yml' },
  ]);

  practiceCases('ci.ml', [
    { name: 'dvc repro', files: { '.github/workflows/train.yml': workflow('dvc pull', 'dvc repro') }, verdict: 'met', file: '.github/workflows/train.yml', line: 9 },
    { name: 'python train.py', files: { '.gitlab-ci.yml': 'train:\n  script:\n    - python src/train.py --epochs 1\n' }, verdict: 'met', file: '.gitlab-ci.yml', line: 3 },
    { name: 'python -m pkg.evaluate', files: { '.github/workflows/ci.yml': workflow('python -m churn.evaluate') }, verdict: 'met', file: '.github/workflows/ci.yml' },
    { name: 'CML comment', files: { '.github/workflows/cml.yml': workflow('cml comment create report.md') }, verdict: 'met', file: '.github/workflows/cml.yml' },
    { name: 'mlflow run', files: { '.github/workflows/ci.yml': workflow('mlflow run . -P alpha=0.5') }, verdict: 'met' },
    { name: 'kedro run', files: { Jenkinsfile: "node { sh 'kedro run' }\n" }, verdict: 'met', file: 'Jenkinsfile' },
    { name: 'CI that only lints', files: { '.github/workflows/ci.yml': workflow('ruff check .') }, verdict: 'missing', file: '.github/workflows/ci.yml' },
  ]);

  practiceCases('data.validation', [
    { name: 'pandera', files: { 'src/schema.py': 'import pandera as pa\n' }, verdict: 'met', file: 'src/schema.py', line: 1 },
    { name: 'Great Expectations in requirements', files: { 'requirements.txt': 'great-expectations==0.18.15\n' }, verdict: 'met', file: 'requirements.txt' },
    { name: 'a Great Expectations project folder', files: { 'gx/great_expectations.yml': 'config_version: 3\n' }, verdict: 'met', file: 'gx/great_expectations.yml' },
    { name: 'TFDV', files: { 'validate.py': 'import tensorflow_data_validation as tfdv\n' }, verdict: 'met', file: 'validate.py' },
    { name: 'Soda checks', files: { 'requirements.txt': 'soda-core-pandas==3.3.5\n' }, verdict: 'met', file: 'requirements.txt' },
    { name: 'whylogs constraints', files: { 'checks.py': 'from whylogs.core.constraints import ConstraintsBuilder\nb = ConstraintsBuilder(dataset_profile_view=v)\n' }, verdict: 'met', file: 'checks.py' },
    { name: 'nothing validates data', files: { 'load.py': 'import pandas as pd\ndf = pd.read_csv("x.csv")\n' }, verdict: 'missing', file: 'load.py', line: 2 },
  ]);

  practiceCases('tests.ml', [
    { name: 'test_model.py', files: { 'tests/test_model.py': 'def test_fit():\n    assert True\n' }, verdict: 'met', file: 'tests/test_model.py' },
    { name: 'a test importing the project data module', files: { 'tests/test_io.py': 'from churn.data import load_raw\n\ndef test_load():\n    assert load_raw is not None\n' }, verdict: 'met', file: 'tests/test_io.py', line: 1 },
    { name: 'test_features.py', files: { 'tests/test_features.py': 'import pytest\n\ndef test_x():\n    assert 1\n' }, verdict: 'met', file: 'tests/test_features.py' },
    { name: 'only utility tests', files: { 'tests/test_strings.py': 'def test_x():\n    assert "a".upper() == "A"\n' }, verdict: 'missing', file: 'tests/test_strings.py' },
    { name: 'a model test that asserts nothing', files: { 'tests/test_model.py': 'def test_fit():\n    print("ok")\n' }, verdict: 'missing' },
  ]);

  practiceCases('model.versioned', [
    { name: 'MLflow register_model', files: { 'register.py': 'import mlflow\nmlflow.register_model(uri, "churn")\n' }, verdict: 'met', file: 'register.py', line: 2 },
    { name: 'registered_model_name when logging', files: { 'train.py': 'mlflow.sklearn.log_model(m, "model", registered_model_name="churn")\n' }, verdict: 'met', file: 'train.py' },
    { name: 'DVC model outs', files: { 'dvc.yaml': 'stages:\n  train:\n    cmd: python train.py\n    outs:\n      - models/model.pkl\n' }, verdict: 'met', file: 'dvc.yaml', line: 5 },
    { name: 'DVC artifacts', files: { 'dvc.yaml': 'artifacts:\n  churn-model:\n    path: models/model.pkl\n    type: model\n' }, verdict: 'met', file: 'dvc.yaml', line: 1 },
    { name: 'git-lfs for model weights', files: { '.gitattributes': '*.safetensors filter=lfs diff=lfs merge=lfs -text\n' }, verdict: 'met', file: '.gitattributes', line: 1 },
    { name: 'W&B artifacts', files: { 'train.py': 'art = wandb.Artifact("model", type="model")\n' }, verdict: 'met', file: 'train.py' },
    { name: 'Hugging Face Hub push', files: { 'train.py': 'trainer.push_to_hub()\n' }, verdict: 'met', file: 'train.py' },
    { name: 'BentoML model store', files: { 'save.py': 'bentoml.sklearn.save_model("churn", model)\n' }, verdict: 'met', file: 'save.py' },
    { name: 'a model saved to a plain file', files: { 'train.py': 'joblib.dump(model, "model.joblib")\n' }, verdict: 'missing', file: 'train.py' },
  ]);

  practiceCases('serving.defined', [
    { name: 'a FastAPI app that loads a model and predicts', files: { 'app.py': 'from fastapi import FastAPI\nimport joblib\napp = FastAPI()\nmodel = joblib.load("m.joblib")\n\n@app.post("/predict")\ndef predict(x):\n    return model.predict([x])\n' }, verdict: 'met', file: 'app.py', line: 1 },
    { name: 'a BentoML bentofile', files: { 'bentofile.yaml': 'service: "service:svc"\n' }, verdict: 'met', file: 'bentofile.yaml' },
    { name: 'a KServe InferenceService', files: { 'k8s/isvc.yaml': 'apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: churn\n' }, verdict: 'met', file: 'k8s/isvc.yaml', line: 2 },
    { name: 'a Seldon deployment', files: { 'seldon.yaml': 'apiVersion: machinelearning.seldon.io/v1\nkind: SeldonDeployment\n' }, verdict: 'met', file: 'seldon.yaml' },
    { name: 'Ray Serve', files: { 'serve.py': 'from ray import serve\n\n@serve.deployment\nclass M:\n    pass\n' }, verdict: 'met', file: 'serve.py' },
    { name: 'a Triton model config', files: { 'models/churn/config.pbtxt': 'name: "churn"\nplatform: "onnxruntime_onnx"\n' }, verdict: 'met', file: 'models/churn/config.pbtxt' },
    { name: 'a Flask app that serves no model', files: { 'app.py': 'from flask import Flask\napp = Flask(__name__)\n\n@app.get("/")\ndef hi():\n    return "hi"\n' }, verdict: 'missing', file: 'app.py' },
  ]);

  practiceCases('cd.deploy', [
    { name: 'docker push', files: { '.github/workflows/release.yml': workflow('docker build -t ghcr.io/acme/churn:1 .', 'docker push ghcr.io/acme/churn:1') }, verdict: 'met', file: '.github/workflows/release.yml', line: 9 },
    { name: 'helm upgrade in GitLab', files: { '.gitlab-ci.yml': 'deploy:\n  script:\n    - helm upgrade --install churn ./chart\n' }, verdict: 'met', file: '.gitlab-ci.yml', line: 3 },
    { name: 'docker/build-push-action', files: { '.github/workflows/release.yml': 'on: push\njobs:\n  p:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          push: true\n' }, verdict: 'met', file: '.github/workflows/release.yml', line: 6 },
    { name: 'gcloud run deploy through a script', files: { '.github/workflows/cd.yml': workflow('./scripts/deploy.sh'), 'scripts/deploy.sh': 'gcloud run deploy churn --image $IMAGE\n' }, verdict: 'met', file: 'scripts/deploy.sh', line: 1 },
    { name: 'a build without a push', files: { '.github/workflows/ci.yml': workflow('docker build -t x .') }, verdict: 'missing', file: '.github/workflows/ci.yml' },
  ]);
});
