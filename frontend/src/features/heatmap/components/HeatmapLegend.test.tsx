import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildScale } from '../../../lib/scale';
import { METRIC_INFO } from '../metrics';
import { HeatmapLegend } from './HeatmapLegend';

const items = () =>
  within(screen.getByRole('region', { name: 'Heatmap legend' }))
    .getAllByRole('listitem')
    .map((li) => li.textContent);

describe('HeatmapLegend', () => {
  it('lists the classes with their bounds, highest first', () => {
    const scale = buildScale([0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], METRIC_INFO.units.scale);
    render(<HeatmapLegend title="Units" scale={scale} />);
    expect(screen.getByRole('heading', { name: 'Units' })).toBeInTheDocument();
    expect(items()).toEqual(['≥ 8', '6–7', '4–5', '2–3', '1', '0', 'Not served by any store']);
  });

  it('shows rupee bounds for revenue', () => {
    const scale = buildScale([150_000, 420_000, 999_900, 1_234_500, 5_000_000], METRIC_INFO.revenue.scale);
    render(<HeatmapLegend title="Revenue" scale={scale} />);
    expect(items()).toEqual([
      '≥ ₹12,000',
      '₹9,900–₹12,000',
      '₹4,200–₹9,900',
      '₹1,500–₹4,200',
      '< ₹1,500',
      '₹0',
      'Not served by any store',
    ]);
  });

  it('adds the no-baseline class of anomalies', () => {
    const scale = buildScale([null, 0.4], METRIC_INFO.anomaly.scale);
    render(<HeatmapLegend title="Anomaly" scale={scale} />);
    expect(items()).toEqual([
      '≥ +2',
      '+1 to +2',
      '−1 to +1',
      '−2 to −1',
      '≤ −2',
      'No baseline',
      'Not served by any store',
    ]);
  });

  it('paints each swatch with its class colour', () => {
    const scale = buildScale([1, 2, 3, 4, 5], METRIC_INFO.orders.scale);
    const { container } = render(<HeatmapLegend title="Orders" scale={scale} />);
    const rgb = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      return `rgb(${r}, ${g}, ${b})`;
    };
    const swatches = [...container.querySelectorAll<HTMLElement>('.legend__swatch')];
    expect(swatches.map((s) => s.style.backgroundColor)).toEqual([
      ...[...scale.classes].reverse().map((c) => rgb(c.color)),
      '', // the unserved swatch is an outline
    ]);
    expect(swatches.at(-1)).toHaveClass('legend__swatch--unserved');
  });
});
