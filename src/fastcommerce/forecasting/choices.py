"""The models a forecast can name; light, so that the command line lists them without loading pandas."""

MODEL_NAMES = ("seasonal_naive", "seasonal_median", "ets", "arima", "croston", "adida", "imapa", "prophet")
# What a run may have used for a series: those, or `mean` (too short for a season) and `zero` (all zero).
SERIES_MODEL_NAMES = (*MODEL_NAMES, "mean", "zero")
