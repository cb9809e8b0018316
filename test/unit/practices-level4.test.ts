import { practiceCases } from '../support/repo';

describe('Level 4 practices', () => {
  practiceCases('monitoring.present', [
    { name: 'Evidently', files: { 'monitor.py': 'from evidently.report import Report\n' }, verdict: 'met', file: 'monitor.py', line: 1 },
    { name: 'whylogs in requirements', files: { 'requirements.txt': 'whylogs==1.3.30\n' }, verdict: 'met', file: 'requirements.txt' },
    { name: 'Prometheus metrics exported by the app', files: { 'app.py': 'from prometheus_client import Counter\n' }, verdict: 'met', file: 'app.py' },
    { name: 'NannyML', files: { 'nb.ipynb': JSON.stringify({ cells: [{ cell_type: 'code', source: ['import nannyml as nml'] }] }) }, verdict: 'met', file: 'nb.ipynb' },
    { name: 'a Grafana dashboard', files: { 'grafana/dashboards/model.json': '{"title": "churn"}\n' }, verdict: 'met', file: 'grafana/dashboards/model.json' },
    { name: 'nothing monitors', files: { 'app.py': 'x = 1\n' }, verdict: 'missing', file: 'app.py' },
  ]);

  practiceCases('monitoring.drift', [
    { name: 'Evidently drift preset', files: { 'monitor.py': 'from evidently.metric_preset import DataDriftPreset\nr = Report(metrics=[DataDriftPreset()])\n' }, verdict: 'met', file: 'monitor.py', line: 2 },
    { name: 'alibi-detect KSDrift', files: { 'drift.py': 'cd = KSDrift(x_ref, p_val=0.05)\n' }, verdict: 'met', file: 'drift.py' },
    { name: 'NannyML univariate drift', files: { 'm.py': 'calc = nml.UnivariateDriftCalculator(column_names=cols)\n' }, verdict: 'met', file: 'm.py' },
    { name: 'Evidently without drift', files: { 'monitor.py': 'from evidently.report import Report\nr = Report(metrics=[])\n' }, verdict: 'missing', file: 'monitor.py' },
  ]);

  practiceCases('monitoring.alerts', [
    { name: 'Prometheus alert rules', files: { 'monitoring/rules.yml': 'groups:\n  - name: model\n    rules:\n      - alert: HighLatency\n        expr: x > 1\n' }, verdict: 'met', file: 'monitoring/rules.yml', line: 4 },
    { name: 'Alertmanager config', files: { 'alertmanager.yml': 'route:\n  receiver: team\n' }, verdict: 'met', file: 'alertmanager.yml' },
    { name: 'none', files: { 'app.py': 'x = 1\n' }, verdict: 'missing' },
  ]);

  practiceCases('serving.health', [
    { name: 'Dockerfile HEALTHCHECK', files: { Dockerfile: 'FROM python:3.11\nHEALTHCHECK CMD curl -f http://localhost:8000/health || exit 1\n' }, verdict: 'met', file: 'Dockerfile', line: 2 },
    { name: 'Kubernetes readiness probe', files: { 'k8s/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          readinessProbe:\n            httpGet: {path: /ready, port: 8080}\n' }, verdict: 'met', file: 'k8s/deploy.yaml', line: 8 },
    { name: 'a /health route', files: { 'app.py': 'from fastapi import FastAPI\napp = FastAPI()\n\n@app.get("/health")\ndef health():\n    return {"ok": True}\n' }, verdict: 'met', file: 'app.py', line: 4 },
    { name: 'HEALTHCHECK NONE', files: { Dockerfile: 'FROM python:3.11\nHEALTHCHECK NONE\n' }, verdict: 'missing', file: 'Dockerfile' },
  ]);

  practiceCases('ci.scheduled', [
    { name: 'a GitHub Actions cron', files: { '.github/workflows/retrain.yml': 'on:\n  schedule:\n    - cron: "0 3 * * 1"\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: dvc repro\n' }, verdict: 'met', file: '.github/workflows/retrain.yml', line: 3 },
    { name: 'an Airflow schedule', files: { 'dags/retrain.py': 'from airflow import DAG\nwith DAG("retrain", schedule="@weekly") as dag:\n    pass\n' }, verdict: 'met', file: 'dags/retrain.py', line: 2 },
    { name: 'a Kubeflow recurring run', files: { 'schedule.py': 'client.create_recurring_run(experiment_id=e, job_name="nightly", cron_expression="0 0 * * *")\n' }, verdict: 'met', file: 'schedule.py' },
    { name: 'an Azure Pipelines schedule', files: { 'azure-pipelines.yml': 'schedules:\n  - cron: "0 0 * * *"\n    branches: {include: [main]}\nsteps:\n  - script: python train.py\n' }, verdict: 'met', file: 'azure-pipelines.yml', line: 1 },
    { name: 'a cron only in a comment', files: { '.github/workflows/ci.yml': 'on:\n  push:\n  # schedule:\n  #   - cron: "0 3 * * 1"\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n' }, verdict: 'missing', file: '.github/workflows/ci.yml' },
  ]);

  practiceCases('docs.model-card', [
    { name: 'MODEL_CARD.md', files: { 'MODEL_CARD.md': '# Model card\n\nGradient boosting, trained on 2024 data.\n' }, verdict: 'met', file: 'MODEL_CARD.md' },
    { name: 'a README results table', files: { 'README.md': '# Churn\n\nSetup...\n\n| model | accuracy | F1 |\n|---|---|---|\n| gbm | 0.91 | 0.77 |\n' }, verdict: 'met', file: 'README.md', line: 5 },
    { name: 'a README table whose one metric is R²', files: { 'README.md': '# Prices\n\nSetup...\n\n| model | R² |\n|---|---|\n| ridge | 0.83 |\n' }, verdict: 'met', file: 'README.md', line: 5 },
    { name: 'a README section on training data', files: { 'README.md': '# Churn\n\n## Training data\n\nMonthly snapshots of 2023-2024 customers.\n' }, verdict: 'met', file: 'README.md', line: 3 },
    { name: 'docs/evaluation.md', files: { 'docs/model.md': '## Evaluation\n\nROC AUC on the 2024 holdout is 0.88.\n' }, verdict: 'met', file: 'docs/model.md', line: 1 },
    { name: 'a README that only explains setup', files: { 'README.md': '# Churn\n\n## Installation\n\npip install -r requirements.txt\n\n## Usage\n\npython train.py\n' }, verdict: 'missing', file: 'README.md' },
    { name: 'an empty results heading', files: { 'README.md': '# Churn\n\nThe project.\n\n## Results\n\n## Installation\n\npip install .\n' }, verdict: 'missing' },
  ]);
});
