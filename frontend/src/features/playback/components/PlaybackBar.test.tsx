import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LAST_STEP } from '../playback';
import { PlaybackBar } from './PlaybackBar';

const NOW = Date.parse('2026-06-04T08:07:31Z');

function Harness({ initial, onPrefetch }: { initial: string | null; onPrefetch?: (time: string) => void }) {
  const [time, setTime] = useState(initial);
  return (
    <QueryClientProvider client={new QueryClient()}>
      <PlaybackBar time={time} onTimeChange={setTime} onPrefetch={onPrefetch} demand={{ city: 'BLR' }} />
      <p data-testid="time">{time ?? 'live'}</p>
    </QueryClientProvider>
  );
}

const slider = () => screen.getByLabelText('Time') as HTMLInputElement;
const shown = () => screen.getByTestId('time').textContent;
const advance = (ms: number) => act(() => vi.advanceTimersByTime(ms));

describe('PlaybackBar', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
  });
  afterEach(() => vi.useRealTimers());

  it('is live at the right end, with Play and Live disabled', () => {
    render(<Harness initial={null} />);
    expect(slider()).toHaveAttribute('type', 'range');
    expect(slider().value).toBe(String(LAST_STEP));
    expect(screen.getByRole('button', { name: 'Play' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Live' })).toBeDisabled();
    expect(document.querySelector('svg.playback-chart')).not.toBeNull();
  });

  it('selects a time with the slider', () => {
    render(<Harness initial={null} />);
    fireEvent.change(slider(), { target: { value: '215' } });
    expect(shown()).toBe('2026-06-04T02:05:00.000Z');
    expect(slider().value).toBe('215');
  });

  it('plays one step a frame at the speed, prefetching the next, and pauses', () => {
    const prefetch = vi.fn();
    render(<Harness initial="2026-06-04T02:05:00.000Z" onPrefetch={prefetch} />);
    fireEvent.change(screen.getByLabelText('Speed'), { target: { value: '2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Play' }));
    expect(prefetch).toHaveBeenLastCalledWith('2026-06-04T02:10:00.000Z');
    advance(500);
    expect(slider().value).toBe('216');
    expect(shown()).toBe('2026-06-04T02:10:00.000Z');
    advance(500);
    expect(slider().value).toBe('217');
    expect(prefetch).toHaveBeenLastCalledWith('2026-06-04T02:20:00.000Z');

    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    advance(3000);
    expect(slider().value).toBe('217');
    expect(screen.getByRole('button', { name: 'Play' })).toBeEnabled();
  });

  it('returns to live at the end and stops', () => {
    render(<Harness initial="2026-06-04T07:55:00.000Z" />); // two steps before now
    fireEvent.click(screen.getByRole('button', { name: 'Play' }));
    advance(1000);
    expect(slider().value).toBe('286');
    advance(1000);
    expect(shown()).toBe('live');
    expect(slider().value).toBe(String(LAST_STEP));
    expect(screen.getByRole('button', { name: 'Play' })).toBeDisabled();
    fireEvent.change(slider(), { target: { value: '100' } });
    advance(3000);
    expect(slider().value).toBe('100'); // not playing any more
  });

  it('goes back to live with the Live button', () => {
    render(<Harness initial="2026-06-04T02:05:00.000Z" />);
    expect(screen.getByText(/^\w{3} \d\d:\d\d$/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Live' }));
    expect(shown()).toBe('live');
  });
});
