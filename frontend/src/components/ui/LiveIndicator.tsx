import type { LiveStatus } from '../../api/stream';
import './ui.css';

/** Whether the live stream is open; data-live="on" | "off" for tests and styling. */
export function LiveIndicator({ status }: { status: LiveStatus }) {
  return (
    <span className="live" data-live={status} role="status" aria-live="polite">
      <span className="live__dot" aria-hidden="true" />
      {status === 'on' ? 'Live' : 'Reconnecting…'}
    </span>
  );
}
