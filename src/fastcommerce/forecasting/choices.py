"""The models a forecast can name; light, so that the command line lists them without loading pandas."""

MODEL_NAMES = ("seasonal_naive", "seasonal_median", "ets", "arima", "croston", "adida", "imapa", "prophet")
