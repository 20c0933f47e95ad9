import type { LiveStatus } from '../../api/stream';
import './ui.css';

/** Whether the live stream is open; data-live="on" | "off" for tests and styling. While the page shows a past
 * time it says so (the stream stays open for when it returns to now). */
export function LiveIndicator({ status, past = false }: { status: LiveStatus; past?: boolean }) {
  const text = status !== 'on' ? 'Reconnecting…' : past ? 'Past' : 'Live';
  return (
    <span className={past ? 'live live--past' : 'live'} data-live={status} role="status" aria-live="polite">
      <span className="live__dot" aria-hidden="true" />
      {text}
    </span>
  );
}
