"""Feature engineering shared by training and serving."""
import numpy as np
import pandas as pd

NUMERIC = ["tenure_months", "monthly_charges", "support_calls"]


def build_features(frame: pd.DataFrame) -> pd.DataFrame:
    features = frame[NUMERIC].copy()
    features["charges_per_month_of_tenure"] = frame["monthly_charges"] / np.maximum(frame["tenure_months"], 1)
    features["has_fiber"] = (frame["internet_service"] == "fiber").astype(int)
    return features
