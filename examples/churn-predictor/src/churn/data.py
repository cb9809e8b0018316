"""Splits the raw snapshot into train and test sets."""
from pathlib import Path

import pandas as pd
import yaml
from sklearn.model_selection import train_test_split

RAW = Path("data/raw/churn.csv")
OUT = Path("data/processed")


def load_raw(path: Path = RAW) -> pd.DataFrame:
    frame = pd.read_csv(path)
    return frame.dropna(subset=["churned"])


def main() -> None:
    params = yaml.safe_load(Path("params.yaml").read_text())["prepare"]
    frame = load_raw()
    train, test = train_test_split(
        frame, test_size=params["test_size"], random_state=params["seed"], stratify=frame["churned"]
    )
    OUT.mkdir(parents=True, exist_ok=True)
    train.to_parquet(OUT / "train.parquet")
    test.to_parquet(OUT / "test.parquet")


if __name__ == "__main__":
    main()
