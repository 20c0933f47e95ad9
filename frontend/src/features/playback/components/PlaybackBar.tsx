import { useEffect, useId, useState } from 'react';
import type { CityDemand } from '../../../api/timeseries';
import { SelectField } from '../../../components/ui/SelectField';
import {
  frameIntervalMs,
  formatStep,
  LAST_STEP,
  nextFrame,
  SPEEDS,
  stepEnd,
  stepOf,
  timeOf,
  type Speed,
} from '../playback';
import { useNow } from '../useNow';
import { DemandChart } from './DemandChart';

const SPEED_OPTIONS = SPEEDS.map((speed) => ({ value: speed, label: `${speed}×` }));

interface PlaybackBarProps {
  /** The end of the window shown (ISO), null: live. */
  time: string | null;
  onTimeChange: (time: string | null) => void;
  /** Loads the map of a time ahead of showing it. */
  onPrefetch?: (time: string) => void;
  /** What the demand chart shows: the map's city, SKU and category. */
  demand: CityDemand;
}

/** Play back the last 24 h in 5-minute steps: play/pause, speed, a time slider over a demand chart, Live. */
export function PlaybackBar({ time, onTimeChange, onPrefetch, demand }: PlaybackBarProps) {
  const now = useNow();
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<Speed>(1);
  const sliderId = useId();
  const index = stepOf(time, now);
  const live = time === null;
  const isPlaying = playing && !live;

  useEffect(() => {
    if (!isPlaying) return;
    const next = nextFrame(index);
    const ahead = next === null ? null : timeOf(next, now);
    if (ahead !== null) onPrefetch?.(ahead);
    const timer = setTimeout(() => {
      if (next === null) setPlaying(false);
      onTimeChange(ahead);
    }, frameIntervalMs(speed));
    return () => clearTimeout(timer);
  }, [isPlaying, index, now, speed, onTimeChange, onPrefetch]);

  const select = (step: number) => onTimeChange(timeOf(step, now));
  const goLive = () => {
    setPlaying(false);
    onTimeChange(null);
  };
  const label = formatStep(live ? now : stepEnd(index, now));
  return (
    <section className="playback" aria-label="Time playback">
      <button
        type="button"
        className="playback__play"
        aria-label={isPlaying ? 'Pause' : 'Play'}
        disabled={live}
        onClick={() => setPlaying(!isPlaying)}
      >
        <span aria-hidden="true">{isPlaying ? '❚❚' : '▶'}</span>
      </button>
      <SelectField label="Speed" value={speed} options={SPEED_OPTIONS} onChange={setSpeed} />
      <div className="playback__timeline">
        <DemandChart demand={demand} now={now} index={index} onSelect={select} />
        <label className="field__label playback__label" htmlFor={sliderId}>
          Time
        </label>
        <input
          id={sliderId}
          className="playback__slider"
          type="range"
          min={0}
          max={LAST_STEP}
          step={1}
          value={index}
          aria-valuetext={live ? `Now, ${label}` : label}
          onChange={(event) => select(Number(event.target.value))}
        />
      </div>
      <output className="playback__time" htmlFor={sliderId}>
        {live ? `Now · ${label}` : label}
      </output>
      <button type="button" className="playback__live" disabled={live} onClick={goLive}>
        Live
      </button>
    </section>
  );
}
