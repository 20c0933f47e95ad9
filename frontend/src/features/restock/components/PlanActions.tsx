import { useState } from 'react';
import type { RestockPlan } from '../../../api/restockPlans';
import { usePlanTransition, type PlanTransition } from '../../../api/restockPlanTransition';
import { Spinner } from '../../../components/ui/Spinner';
import { ACTION_LABEL, actionsOf, STATUS_LABEL } from '../plans';
import { ReceiveForm } from './ReceiveForm';

/** The buttons of the transitions the plan's status allows (cancelling asks first, receiving opens a form);
 * the API's reason when it refuses one, what happened when it did it. */
export function PlanActions({ plan }: { plan: RestockPlan }) {
  const transition = usePlanTransition(plan.id);
  const [receiving, setReceiving] = useState(false);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const actions = actionsOf(plan.status);
  const busy = transition.isPending;

  const run = (action: PlanTransition) => {
    setDone(null);
    setConfirmCancel(false);
    transition.mutate(action, {
      onSuccess: (after) => setDone(`Plan #${after.id} is ${STATUS_LABEL[after.status].toLowerCase()}.`),
    });
  };

  return (
    <div className="plan-actions">
      {actions.length > 0 && !receiving && (
        <div className="plan-actions__buttons">
          {actions.map((action) =>
            action === 'receive' ? (
              <button
                key={action}
                type="button"
                className="button button--primary"
                onClick={() => {
                  setDone(null);
                  transition.reset();
                  setReceiving(true);
                }}
              >
                {ACTION_LABEL.receive}
              </button>
            ) : action === 'cancel' ? (
              confirmCancel ? (
                <span key={action} className="plan-actions__confirm">
                  Cancel plan #{plan.id}?
                  <button type="button" className="button button--danger" disabled={busy} onClick={() => run('cancel')}>
                    Yes, cancel it
                  </button>
                  <button type="button" className="button" onClick={() => setConfirmCancel(false)}>
                    Keep it
                  </button>
                </span>
              ) : (
                <button key={action} type="button" className="button" disabled={busy} onClick={() => setConfirmCancel(true)}>
                  {ACTION_LABEL.cancel}
                </button>
              )
            ) : (
              <button
                key={action}
                type="button"
                className="button button--primary"
                disabled={busy}
                onClick={() => run(action)}
              >
                {ACTION_LABEL[action]}
              </button>
            ),
          )}
          {busy && <Spinner label="Sending…" />}
        </div>
      )}
      {actions.length === 0 && <p className="muted plan-actions__none">No action left: the plan is {STATUS_LABEL[plan.status].toLowerCase()}.</p>}
      {transition.error && (
        <p className="callout callout--error" role="alert">
          {transition.error.message}
        </p>
      )}
      {done && (
        <p className="callout callout--ok" role="status">
          {done}
        </p>
      )}
      {receiving && (
        <ReceiveForm
          plan={plan}
          onCancel={() => setReceiving(false)}
          onDone={(message) => {
            setReceiving(false);
            setDone(message);
          }}
        />
      )}
    </div>
  );
}
