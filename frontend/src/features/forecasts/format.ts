// How the Forecasts page writes accuracy: WAPE and shares as percentages, MASE as a ratio.
const oneDecimal = new Intl.NumberFormat('en-IN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('en-IN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const DASH = '–';

/** 0.2345 → "23.5%"; null → "–". */
export const formatRatioPercent = (value: number | null): string =>
  value === null ? DASH : `${oneDecimal.format(value * 100)}%`;

/** 0.876 → "0.88"; null → "–". */
export const formatRatio = (value: number | null): string => (value === null ? DASH : twoDecimals.format(value));

/** 12.34 → "12.3"; null → "–". */
export const formatUnits = (value: number | null): string => (value === null ? DASH : oneDecimal.format(value));
