"""The models a forecast can name; light, so that the command line lists and checks them without loading
pandas."""

from fastcommerce.errors import ForecastInputError

MODEL_NAMES = (
    "seasonal_naive",
    "seasonal_median",
    "weekly_median",
    "ets",
    "arima",
    "mstl",
    "croston",
    "adida",
    "imapa",
    "prophet",
    "lgbm",
    "blend",
)
# What a run may have used for a series: those, or `mean` (too short for a season) and `zero` (all zero).
SERIES_MODEL_NAMES = (*MODEL_NAMES, "mean", "zero")


def require_model(name: str) -> None:
    """`auto` or a model name users may ask for; anything else is refused before any work."""
    if name != "auto" and name not in MODEL_NAMES:
        raise ForecastInputError(f"unknown model {name!r}; choose auto or one of {', '.join(MODEL_NAMES)}")
