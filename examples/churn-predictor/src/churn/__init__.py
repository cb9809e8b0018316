"""Customer churn prediction."""
