import { useId, useState, type FormEvent } from 'react';
import { refusedLine, useReceivePlan, type Remainder } from '../../../api/restockPlanReceive';
import type { RestockPlan } from '../../../api/restockPlans';
import { CheckField } from '../../../components/ui/CheckField';
import { SelectField, type Option } from '../../../components/ui/SelectField';
import { Spinner } from '../../../components/ui/Spinner';
import { formatInt } from '../../../lib/format';
import { linesByQty, owed, STATUS_LABEL } from '../plans';

const REMAINDER_OPTIONS: Option<Remainder>[] = [
  { value: 'write_off', label: 'Write off (lost on the way)' },
  { value: 'back_order', label: 'Back-order (back to the hub)' },
];

const unitCount = (n: number) => `${formatInt(n)} ${n === 1 ? 'unit' : 'units'}`;

/** A typed quantity: a whole number from 0 to `max`, or null. */
function quantity(text: string, max: number): number | null {
  const n = Number(text);
  return text.trim() !== '' && Number.isInteger(n) && n >= 0 && n <= max ? n : null;
}

interface ReceiveFormProps {
  plan: RestockPlan;
  onDone: (message: string) => void;
  onCancel: () => void;
}

/** What arrived, per line still owed (prefilled with all of it), and whether the plan closes with it. */
export function ReceiveForm({ plan, onDone, onCancel }: ReceiveFormProps) {
  const id = useId();
  const lines = linesByQty(plan.lines).filter((line) => owed(line) > 0);
  const [typed, setTyped] = useState<Record<string, string>>(() =>
    Object.fromEntries(lines.map((line) => [line.sku, String(owed(line))])),
  );
  const [close, setClose] = useState(false);
  const [remainder, setRemainder] = useState<Remainder>('write_off');
  const [sent, setSent] = useState<string[]>([]);
  const receive = useReceivePlan(plan.id);

  const quantities = lines.map((line) => quantity(typed[line.sku] ?? '', owed(line)));
  const valid = quantities.every((qty) => qty !== null);
  const units = quantities.reduce<number>((sum, qty) => sum + (qty ?? 0), 0);
  const refused = refusedLine(receive.error);
  const refusedSku = refused === null ? null : sent[refused];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!valid || (units === 0 && !close)) return;
    const receipt = lines
      .map((line, i) => ({ sku: line.sku, qty: quantities[i] ?? 0 }))
      .filter((line) => line.qty > 0);
    setSent(receipt.map((line) => line.sku));
    receive.mutate(
      { lines: receipt, close, remainder },
      { onSuccess: (after) => onDone(`Received ${unitCount(units)}; the plan is ${STATUS_LABEL[after.status].toLowerCase()}.`) },
    );
  };

  return (
    <form className="receive" aria-labelledby={`${id}-title`} onSubmit={submit}>
      <h4 id={`${id}-title`} className="receive__title">
        Receive plan #{plan.id}
      </h4>
      <p className="receive__hint">Prefilled with what is still on the way; change what did not arrive.</p>
      <div className="receive__lines">
        {lines.map((line, i) => {
          const bad = quantities[i] === null || refusedSku === line.sku;
          return (
            <label key={line.sku} className={bad ? 'receive__line receive__line--bad' : 'receive__line'}>
              <span className="receive__sku">{line.sku}</span>
              <input
                className="field__input receive__qty"
                type="number"
                inputMode="numeric"
                min={0}
                max={owed(line)}
                step={1}
                value={typed[line.sku] ?? ''}
                aria-invalid={bad}
                aria-label={`Received ${line.sku}`}
                onChange={(event) => setTyped((current) => ({ ...current, [line.sku]: event.target.value }))}
              />
              <span className="receive__owed">of {formatInt(owed(line))}</span>
            </label>
          );
        })}
      </div>
      <div className="receive__close">
        <CheckField label="Close the plan: nothing more will arrive" checked={close} onChange={setClose} />
        {close && (
          <SelectField<Remainder>
            label="What did not arrive is"
            value={remainder}
            options={REMAINDER_OPTIONS}
            onChange={setRemainder}
          />
        )}
      </div>
      {!valid && <p className="callout callout--error">Each quantity is a whole number up to what is owed.</p>}
      {receive.error && (
        <p className="callout callout--error" role="alert">
          Couldn't record the receipt: {receive.error.message}
        </p>
      )}
      <div className="receive__buttons">
        <button
          type="submit"
          className="button button--primary"
          disabled={!valid || (units === 0 && !close) || receive.isPending}
        >
          Receive {unitCount(units)}
          {close && ' and close'}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={receive.isPending}>
          Back
        </button>
        {receive.isPending && <Spinner label="Recording…" />}
      </div>
    </form>
  );
}
