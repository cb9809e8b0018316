"""HTTP API that scores one customer at a time."""
import joblib
import pandas as pd
from fastapi import FastAPI
from pydantic import BaseModel

from churn.features import build_features

app = FastAPI(title="churn-predictor")
model = joblib.load("models/model.joblib")


class Customer(BaseModel):
    tenure_months: int
    monthly_charges: float
    support_calls: int
    internet_service: str


@app.post("/predict")
def predict(customer: Customer) -> dict:
    frame = pd.DataFrame([customer.model_dump()])
    probability = float(model.predict_proba(build_features(frame))[0, 1])
    return {"churn_probability": probability}
