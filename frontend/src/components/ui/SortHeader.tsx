import type { Sort } from '../../lib/sort';
import './table.css';

interface SortHeaderProps<K extends string> {
  label: string;
  column: K;
  sort: Sort<K>;
  onSort: (column: K) => void;
  className?: string;
}

/** A column header that sorts by its column when clicked (the table's aria-sort says which way). */
export function SortHeader<K extends string>({ label, column, sort, onSort, className }: SortHeaderProps<K>) {
  const active = sort.key === column;
  const direction = active ? (sort.descending ? 'descending' : 'ascending') : 'none';
  return (
    <th scope="col" aria-sort={direction} className={className}>
      <button type="button" className="sort-button" onClick={() => onSort(column)}>
        {label}
        <span className="sort-button__arrow" data-direction={direction} aria-hidden="true">
          {active ? (sort.descending ? '▼' : '▲') : '▲▼'}
        </span>
      </button>
    </th>
  );
}
