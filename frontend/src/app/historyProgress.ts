import type { CityHistory } from '../api/simulationHistory';

/** The whole days of a city's simulated history in place, of `days` (not all of them until it is done). */
export function historyDaysDone(city: CityHistory, days: number): number {
  if (city.done || city.hours_total <= 0) return days;
  return Math.max(0, Math.min(days - 1, Math.floor((days * city.hours_done) / city.hours_total)));
}

export function historyText(city: CityHistory, days: number): string {
  return `Loading simulated history: ${historyDaysDone(city, days)} of ${days} days`;
}
