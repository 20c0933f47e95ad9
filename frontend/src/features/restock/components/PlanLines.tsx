import type { RestockPlan } from '../../../api/restockPlans';
import { formatDecimal, formatInt } from '../../../lib/format';
import { hasShipped, linesByQty } from '../plans';

const NUMBERS = ['Qty', 'On hand', 'In transit', 's', 'S', 'Demand to delivery', 'Demand, protection period'];
const SHIPPED = ['Dispatched', 'Received', 'Settled'];

/** The plan's lines, largest quantity first: the numbers each quantity came from (s: reorder point, S: order-up-
 * to level, the expected demand), the rule, and its reason in full under them; once shipped, what arrived. */
export function PlanLines({ plan }: { plan: RestockPlan }) {
  const shipped = hasShipped(plan);
  const columns = 2 + NUMBERS.length + (shipped ? SHIPPED.length : 0);
  return (
    <>
      <p className="plan-lines__explain">
        {formatInt(plan.lines.length)} lines, largest first. s: reorder point; S: order up to; expected demand
        until the delivery arrives and over the protection period (until the next delivery after it).
        {shipped && ' Settled: written off or back-ordered when the plan closed.'}
      </p>
      <div className="table-frame plan-lines">
        <table className="table plan-lines__table">
          <caption className="sr-only">Lines of plan {plan.id}, largest quantity first, each with its reason</caption>
          <thead>
            <tr>
              <th scope="col">SKU</th>
              <th scope="col">Rule</th>
              {[...NUMBERS, ...(shipped ? SHIPPED : [])].map((label) => (
                <th key={label} scope="col" className="num">
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          {linesByQty(plan.lines).map((line) => (
            // A line is two rows: its numbers, then why its quantity is what it is.
            <tbody key={line.sku} className="plan-line" data-sku={line.sku}>
              <tr>
                <th scope="row">{line.sku}</th>
                <td>
                  {line.rule === 'forecast' ? 'Forecast' : 'Min/max'}
                  <span className="sku__meta">{line.rule_source}</span>
                </td>
                <td className="num plan-line__qty">{formatInt(line.qty)}</td>
                <td className="num">{formatInt(line.on_hand)}</td>
                <td className="num">{formatInt(line.in_transit)}</td>
                <td className="num">{formatInt(line.reorder_point)}</td>
                <td className="num">{formatInt(line.order_up_to)}</td>
                <td className="num">{formatDecimal(line.demand_to_delivery)}</td>
                <td className="num">{formatDecimal(line.demand_protection)}</td>
                {shipped && (
                  <>
                    <td className="num">{formatInt(line.dispatched)}</td>
                    <td className="num plan-line__received">{formatInt(line.received)}</td>
                    <td className="num">{formatInt(line.written_off + line.back_ordered)}</td>
                  </>
                )}
              </tr>
              <tr className="plan-line__why">
                <td colSpan={columns}>
                  <span className="plan-line__reason">{line.reason}</span>
                </td>
              </tr>
            </tbody>
          ))}
        </table>
      </div>
    </>
  );
}
