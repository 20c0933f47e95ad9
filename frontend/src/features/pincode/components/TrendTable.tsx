import type { Measures } from '../../../api/heatmap';
import { formatInt, formatPercent, formatRupees, withSign } from '../../../lib/format';

interface TrendTableProps {
  last: Measures;
  previous: Measures;
}

const ROWS: { label: string; measure: keyof Measures; format: (n: number) => string }[] = [
  { label: 'Units', measure: 'units', format: formatInt },
  { label: 'Orders', measure: 'orders', format: formatInt },
  { label: 'Lost units', measure: 'lost_units', format: formatInt },
  { label: 'Revenue', measure: 'revenue', format: formatRupees },
];

function change(last: number, previous: number, format: (n: number) => string): string {
  const delta = last - previous;
  const pct = previous ? Math.round((1000 * delta) / previous) / 10 : null;
  return `${withSign(delta, format(Math.abs(delta)))} (${formatPercent(pct)})`;
}

/** Last 24 hours against the 24 hours before. */
export function TrendTable({ last, previous }: TrendTableProps) {
  return (
    <table className="data-table">
      <thead>
        <tr>
          <th scope="col">Measure</th>
          <th scope="col">Last 24 h</th>
          <th scope="col">Previous 24 h</th>
          <th scope="col">Change</th>
        </tr>
      </thead>
      <tbody>
        {ROWS.map(({ label, measure, format }) => (
          <tr key={measure}>
            <th scope="row">{label}</th>
            <td>{format(last[measure])}</td>
            <td>{format(previous[measure])}</td>
            <td>{change(last[measure], previous[measure], format)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
