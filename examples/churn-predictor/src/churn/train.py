"""Trains the churn classifier and logs the run to MLflow."""
from pathlib import Path

import joblib
import mlflow
import pandas as pd
import yaml
from sklearn.ensemble import GradientBoostingClassifier

from churn.features import build_features


def main() -> None:
    params = yaml.safe_load(Path("params.yaml").read_text())["train"]
    train = pd.read_parquet("data/processed/train.parquet")
    with mlflow.start_run():
        mlflow.log_params(params)
        model = GradientBoostingClassifier(
            n_estimators=params["n_estimators"],
            max_depth=params["max_depth"],
            learning_rate=params["learning_rate"],
            random_state=params["seed"],
        )
        model.fit(build_features(train), train["churned"])
        Path("models").mkdir(exist_ok=True)
        joblib.dump(model, "models/model.joblib")


if __name__ == "__main__":
    main()
