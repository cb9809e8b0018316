"""Scores the trained model on the held-out set."""
import json
from pathlib import Path

import joblib
import mlflow
import pandas as pd
from sklearn.metrics import f1_score, roc_auc_score

from churn.features import build_features


def main() -> None:
    model = joblib.load("models/model.joblib")
    test = pd.read_parquet("data/processed/test.parquet")
    features = build_features(test)
    metrics = {
        "roc_auc": roc_auc_score(test["churned"], model.predict_proba(features)[:, 1]),
        "f1": f1_score(test["churned"], model.predict(features)),
    }
    mlflow.log_metrics(metrics)
    Path("reports").mkdir(exist_ok=True)
    Path("reports/metrics.json").write_text(json.dumps(metrics, indent=2))


if __name__ == "__main__":
    main()
