/** A small horizontal bar beside a number (the number itself is what screen readers hear). */
export function Meter({ percent, tone = 'accent' }: { percent: number; tone?: 'accent' | 'muted' }) {
  return (
    <span className={`meter meter--${tone}`} aria-hidden="true">
      <span className="meter__fill" style={{ width: `${percent}%` }} />
    </span>
  );
}
