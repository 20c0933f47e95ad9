import { useId, type ReactNode } from 'react';
import './ui.css';

interface CardProps {
  title: ReactNode;
  /** A short note beside the title. */
  hint?: ReactNode;
  className?: string;
  children: ReactNode;
}

/** A titled section of a page, in a bordered card (a region named by its title). */
export function Card({ title, hint, className, children }: CardProps) {
  const id = useId();
  return (
    <section className={className ? `card ${className}` : 'card'} aria-labelledby={id}>
      <h2 id={id} className="card__title">
        {title}
        {hint && <span className="card__hint">{hint}</span>}
      </h2>
      {children}
    </section>
  );
}
