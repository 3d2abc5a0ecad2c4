// A report's likely duplicates, each with a button to merge the report into it, and a form to merge it
// into an incident named by id.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Action, QueueItem } from '../api/reports.ts'

export interface ReviewDuplicatesProps {
  duplicates: QueueItem['duplicates']
  /** How near in place and time a duplicate must be; null when unknown. */
  duplicateWindow: QueueItem['duplicateWindow']
  when: Intl.DateTimeFormat
  busy: boolean
  act: (action: Action) => Promise<void>
}

export function ReviewDuplicates({ duplicates, duplicateWindow, when, busy, act }: ReviewDuplicatesProps) {
  const { t } = useTranslation()
  const [mergeInto, setMergeInto] = useState('')
  return (
    <>
      <h4 className="side-panel__subtitle">{t('review.duplicatesTitle')}</h4>
      {duplicateWindow && (
        <p className="side-panel__note">
          {t('review.duplicatesRule', {
            km: duplicateWindow.radiusKm,
            hours: duplicateWindow.hours,
          })}
        </p>
      )}
      {duplicates.length === 0 && <p className="side-panel__note">{t('review.noDuplicates')}</p>}
      <ul className="review__duplicates">
        {duplicates.map((d) => (
          <li key={d.id} className="review__duplicate">
            <span>
              #{d.id} · {t(`layers.incidents.types.${d.type}`)} · {when.format(new Date(d.occurredAt))} UTC
            </span>
            <span className="side-panel__note">
              {t('review.apart', { km: d.distanceKm.toFixed(1), hours: d.hoursApart.toFixed(1) })} ·{' '}
              {d.source.name}
            </span>
            <button
              type="button"
              className="review__action"
              disabled={busy}
              onClick={() => act({ action: 'merge', duplicateOf: d.id })}
            >
              {t('review.mergeInto', { id: d.id })}
            </button>
          </li>
        ))}
      </ul>
      <form
        className="review__merge"
        onSubmit={(e) => {
          e.preventDefault()
          if (/^\d+$/.test(mergeInto)) void act({ action: 'merge', duplicateOf: Number(mergeInto) })
        }}
      >
        <label>
          {t('review.mergeById')}
          <input
            inputMode="numeric"
            pattern="[0-9]*"
            value={mergeInto}
            onChange={(e) => setMergeInto(e.target.value)}
          />
        </label>
        <button type="submit" className="review__action" disabled={busy || !/^\d+$/.test(mergeInto)}>
          {t('review.merge')}
        </button>
      </form>
    </>
  )
}
