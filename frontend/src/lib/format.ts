// Numbers as the operations team reads them: Indian digit grouping, rupees from integer paise.

const integer = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 2 });
const rupees = new Intl.NumberFormat('en-IN', {
  style: 'currency',
  currency: 'INR',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const wholeRupees = new Intl.NumberFormat('en-IN', {
  style: 'currency',
  currency: 'INR',
  maximumFractionDigits: 0,
});
const MINUS = '\u2212';

/** A formatted magnitude with the sign of `value`: withSign(-5, "5") → "−5"; zero has none. */
export function withSign(value: number, text: string): string {
  if (value > 0) return `+${text}`;
  return value < 0 ? `${MINUS}${text}` : text;
}

export function formatInt(value: number): string {
  return integer.format(value).replace('-', MINUS);
}

export function formatDecimal(value: number): string {
  return decimal.format(value).replace('-', MINUS);
}

/** Exact rupees of an amount in paise: 123456 → "₹1,234.56". */
export function formatRupees(paise: number): string {
  return rupees.format(paise / 100).replace('-', MINUS);
}

/** Whole rupees of an amount in paise, for totals and legends: 123456 → "₹1,235". */
export function formatWholeRupees(paise: number): string {
  return wholeRupees.format(paise / 100).replace('-', MINUS);
}

export function formatSigned(value: number): string {
  return withSign(value, integer.format(Math.abs(value)));
}

export function formatPercent(value: number | null): string {
  return value === null ? 'n/a' : `${withSign(value, decimal.format(Math.abs(value)))}%`;
}

/** A z-score: 1.234 → "+1.23"; null (no baseline) → "n/a". */
export function formatZ(value: number | null): string {
  return value === null ? 'n/a' : withSign(value, decimal.format(Math.abs(value)));
}

const DATE_TIME: Intl.DateTimeFormatOptions = {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
};
const dateTime = new Intl.DateTimeFormat('en-IN', DATE_TIME);
const time = new Intl.DateTimeFormat('en-IN', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** An hour of the day in local time: "14:00". */
export function formatTime(iso: string): string {
  return time.format(new Date(iso));
}

const calendarDay = new Intl.DateTimeFormat('en-IN', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** A calendar day as the API writes it (a local date, no time): "2026-06-03" → "3 Jun". */
export function formatDay(isoDate: string): string {
  return calendarDay.format(new Date(`${isoDate}T00:00:00Z`));
}

/** A moment in local time: "3 Jun, 14:05". */
export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

const zoned = new Map<string, Intl.DateTimeFormat>();

/** A moment in a time zone, named: "3 Jun, 14:05 IST" (a store's local time, wherever the browser is). */
export function formatDateTimeIn(iso: string, timeZone: string): string {
  let format = zoned.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-IN', { ...DATE_TIME, timeZone, timeZoneName: 'short' });
    zoned.set(timeZone, format);
  }
  return format.format(new Date(iso));
}

/** A window in local time: "3 Jun, 14:05 – 15:05" (the end's date only when it is another day). */
export function formatRange(fromIso: string, toIso: string): string {
  const from = new Date(fromIso);
  const to = new Date(toIso);
  const sameDay = from.toDateString() === to.toDateString();
  return `${dateTime.format(from)} – ${sameDay ? time.format(to) : dateTime.format(to)}`;
}
