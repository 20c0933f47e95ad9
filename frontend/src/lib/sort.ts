// A table's sort as the URL writes it: a column key, "-" first for descending ("-on_hand").

export interface Sort<K extends string> {
  key: K;
  descending: boolean;
}

/** The sort of `raw` when it names one of `keys` (with or without "-"), else `fallback`. */
export function parseSort<K extends string>(raw: string | null, keys: readonly K[], fallback: Sort<K>): Sort<K> {
  const text = raw?.trim() ?? '';
  const descending = text.startsWith('-');
  const key = keys.find((k) => k === (descending ? text.slice(1) : text));
  return key === undefined ? fallback : { key, descending };
}

export function formatSort<K extends string>({ key, descending }: Sort<K>): K | `-${K}` {
  return descending ? `-${key}` : key;
}

/** The sort after a click on `key`'s header: the other direction if it is the sorted column, else `key` in its
 * first direction (descending for counts, where the most is what one looks for). */
export function toggleSort<K extends string>(current: Sort<K>, key: K, firstDescending: boolean): Sort<K> {
  return current.key === key ? { key, descending: !current.descending } : { key, descending: firstDescending };
}

/** `items` sorted by `value` in the sort's direction; ties (and missing values, always last) by `tieBreak`. */
export function sortBy<T, K extends string>(
  items: readonly T[],
  sort: Sort<K>,
  value: (item: T, key: K) => string | number | null,
  tieBreak: (item: T) => string,
): T[] {
  const sign = sort.descending ? -1 : 1;
  const compare = (a: T, b: T): number => {
    const x = value(a, sort.key);
    const y = value(b, sort.key);
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      if (typeof x === 'number' && typeof y === 'number') return sign * (x - y);
      const byText = String(x).localeCompare(String(y));
      if (byText !== 0) return sign * byText;
    }
    return tieBreak(a).localeCompare(tieBreak(b));
  };
  return [...items].sort(compare);
}
