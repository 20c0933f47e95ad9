import { Fragment, type ReactNode } from 'react';
import type { RestockPlan } from '../../../api/restockPlans';
import '../../../components/ui/table.css';
import { formatDateTimeIn, formatInt } from '../../../lib/format';
import { StatusBadge } from './StatusBadge';

const COLUMNS = 8;

interface PlansTableProps {
  rows: readonly RestockPlan[];
  /** The plan whose detail is open, and that detail (shown under its row). */
  open: number | null;
  detail: ReactNode;
  /** A store's local time zone. */
  zoneOf: (store: string) => string;
  busy: boolean;
  onToggle: (id: number) => void;
}

/** A page of plans; a row (its plan button, for the keyboard) opens or closes the plan's detail under it. */
export function PlansTable({ rows, open, detail, zoneOf, busy, onToggle }: PlansTableProps) {
  return (
    <div className="table-frame plans-frame">
      <table className="table plans-table" aria-busy={busy}>
        <caption className="sr-only">Restock plans, latest wave first; open a plan for its lines and history</caption>
        <thead>
          <tr>
            <th scope="col">Plan</th>
            <th scope="col" className="plans-table__wide">
              Store
            </th>
            <th scope="col">Wave (store time)</th>
            <th scope="col">Status</th>
            <th scope="col" className="num plans-table__wide">
              Lines
            </th>
            <th scope="col" className="num">
              Units
            </th>
            <th scope="col" className="plans-table__wide">
              Hub
            </th>
            <th scope="col" className="plans-table__wide">
              Updated
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((plan) => {
            const isOpen = plan.id === open;
            const zone = zoneOf(plan.store_code);
            return (
              <Fragment key={plan.id}>
                {/* The whole row is the click target; its button (whose clicks bubble here) is the keyboard's. */}
                <tr
                  className={isOpen ? 'plan-row plan-row--open' : 'plan-row'}
                  data-plan={plan.id}
                  onClick={() => onToggle(plan.id)}
                >
                  <th scope="row">
                    <button
                      type="button"
                      className="row-toggle"
                      aria-expanded={isOpen}
                      aria-controls={isOpen ? `plan-${plan.id}-detail` : undefined}
                      aria-label={`Plan ${plan.id} of ${plan.store_code}`}
                    >
                      <span className="row-toggle__arrow" aria-hidden="true">
                        {isOpen ? '▾' : '▸'}
                      </span>
                      #{plan.id}
                    </button>
                    <span className="sku__meta plans-table__inline">{plan.store_code}</span>
                  </th>
                  <td className="plans-table__wide">{plan.store_code}</td>
                  <td className="plan-row__wave">{formatDateTimeIn(plan.wave_at, zone)}</td>
                  <td>
                    <StatusBadge status={plan.status} />
                  </td>
                  <td className="num plans-table__wide">{formatInt(plan.line_count)}</td>
                  <td className="num">{formatInt(plan.units)}</td>
                  <td className="plans-table__wide">{plan.hub_code}</td>
                  <td className="plans-table__wide">{formatDateTimeIn(plan.updated_at, zone)}</td>
                </tr>
                {isOpen && (
                  <tr className="plan-detail-row">
                    <td colSpan={COLUMNS}>{detail}</td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
