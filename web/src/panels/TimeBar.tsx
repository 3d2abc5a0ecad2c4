// The time bar: a range over the last 90 days (two handles), play/pause stepping a day at a time, and
// live mode, which follows now.
import { useTranslation } from 'react-i18next'
import { boundaryDate, DAY_MS, SLIDER_DAYS, setHandle, type TimeRange } from '../lib/time-window.ts'

export interface TimeBarProps {
  range: TimeRange
  now: Date
  playing: boolean
  onRange: (range: TimeRange) => void
  onPlay: (playing: boolean) => void
  onLive: () => void
}

export function TimeBar({ range, now, playing, onRange, onPlay, onLive }: TimeBarProps) {
  const { t, i18n } = useTranslation()
  const format = (d: Date) =>
    new Intl.DateTimeFormat(i18n.language, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(d)
  const from = boundaryDate(range.start, now)
  // The last day in the window (the end is exclusive).
  const last = new Date(boundaryDate(range.end, now).getTime() - DAY_MS)
  const days = range.end - range.start
  const percent = (p: number) => `${(p / SLIDER_DAYS) * 100}%`
  return (
    <div className="timebar panel" data-testid="timebar">
      <button
        type="button"
        className="timebar__button"
        aria-pressed={playing}
        aria-label={playing ? t('time.pause') : t('time.play')}
        title={playing ? t('time.pause') : t('time.play')}
        onClick={() => onPlay(!playing)}
        data-testid="play"
      >
        {playing ? '❚❚' : '▶'}
      </button>
      <button
        type="button"
        className="timebar__button timebar__live"
        aria-pressed={range.live}
        onClick={onLive}
        data-testid="live"
      >
        {t('time.live')}
      </button>
      <div className="timebar__slider">
        <div className="timebar__track" aria-hidden />
        <div
          className="timebar__selection"
          style={{ insetInlineStart: percent(range.start), inlineSize: percent(range.end - range.start) }}
          aria-hidden
        />
        <input
          type="range"
          min={0}
          max={SLIDER_DAYS}
          value={range.start}
          aria-label={t('time.start')}
          aria-valuetext={format(from)}
          onChange={(e) => onRange(setHandle(range, 'start', Number(e.target.value)))}
          data-testid="time-start"
        />
        <input
          type="range"
          min={0}
          max={SLIDER_DAYS}
          value={range.end}
          aria-label={t('time.end')}
          aria-valuetext={format(last)}
          onChange={(e) => onRange(setHandle(range, 'end', Number(e.target.value)))}
          data-testid="time-end"
        />
      </div>
      <output className="timebar__label" data-testid="time-label" aria-live="polite">
        {range.live
          ? t('time.liveWindow', { from: format(from), count: days })
          : t('time.window', { from: format(from), to: format(last), count: days })}
      </output>
    </div>
  )
}
