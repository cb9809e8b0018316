import pandas as pd

from churn.features import build_features


def test_charges_per_month_handles_new_customers():
    frame = pd.DataFrame(
        {"tenure_months": [0, 10], "monthly_charges": [50.0, 80.0], "support_calls": [1, 0], "internet_service": ["dsl", "fiber"]}
    )
    features = build_features(frame)
    assert features["charges_per_month_of_tenure"].tolist() == [50.0, 8.0]
    assert features["has_fiber"].tolist() == [0, 1]
