// The coordinators' review queue: their agency's field reports by status, newest first, each with its
// likely duplicates; choosing one opens it for review (ReportReview.tsx). Live: reloads on report events.
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { fetchQueue, QUEUE_STATUSES, type QueueItem, type QueueStatus } from '../api/reports.ts'
import { countPhrase, countsLine } from '../lib/review.ts'
import { PanelHead } from './PanelHead.tsx'
import { ReportReview } from './ReportReview.tsx'

export interface ReviewPanelProps {
  /** Changes whenever a report event arrives on the stream: the queue is fetched again. */
  refreshKey: number
  /** The signed-in coordinator, for "assign to me". */
  userId: number | null
  /** Their agency: they may share its verified reports' details. */
  agencyId: number | null
  onLocate: (position: [number, number], id: number) => void
  onClose: () => void
}

type Load =
  | { status: 'loading' }
  | { status: 'ready'; items: QueueItem[] }
  | { status: 'error'; message: string }

export function ReviewPanel({ refreshKey, userId, agencyId, onLocate, onClose }: ReviewPanelProps) {
  const { t, i18n } = useTranslation()
  const [status, setStatus] = useState<QueueStatus>('unverified')
  const [load, setLoad] = useState<Load>({ status: 'loading' })
  const [openId, setOpenId] = useState<number | null>(null)
  const [reloads, setReloads] = useState(0)

  // biome-ignore lint/correctness/useExhaustiveDependencies: refreshKey and reloads are the triggers
  useEffect(() => {
    const abort = new AbortController()
    fetchQueue(status, abort.signal)
      .then((items) => setLoad({ status: 'ready', items }))
      .catch((error: unknown) => {
        if (!abort.signal.aborted)
          setLoad({ status: 'error', message: String((error as Error).message ?? error) })
      })
    return () => abort.abort()
  }, [status, refreshKey, reloads])

  const reload = useCallback(() => setReloads((n) => n + 1), [])
  const when = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  })
  const open = load.status === 'ready' ? load.items.find((r) => r.id === openId) : undefined

  return (
    <section className="review panel" aria-labelledby="review-title" data-testid="review">
      <PanelHead kind={t('review.kind')} title={t('review.title')} titleId="review-title" onClose={onClose} />
      {openId !== null ? (
        <ReportReview
          id={openId}
          summary={open}
          refreshKey={refreshKey}
          userId={userId}
          agencyId={agencyId}
          onLocate={onLocate}
          onBack={() => {
            setOpenId(null)
            reload()
          }}
        />
      ) : (
        <>
          <fieldset className="review__tabs">
            <legend className="visually-hidden">{t('review.filter')}</legend>
            {QUEUE_STATUSES.map((s) => (
              <button
                key={s}
                type="button"
                className="review__tab"
                aria-pressed={status === s}
                onClick={() => {
                  setLoad({ status: 'loading' })
                  setStatus(s)
                }}
              >
                {t(`review.status.${s}`)}
              </button>
            ))}
          </fieldset>
          {load.status === 'loading' && <p className="side-panel__note">{t('review.loading')}</p>}
          {load.status === 'error' && (
            <p className="side-panel__note" role="alert">
              {t('review.failed', { reason: load.message })}
            </p>
          )}
          {load.status === 'ready' && load.items.length === 0 && (
            <p className="side-panel__note">{t(`review.empty.${status}`)}</p>
          )}
          {load.status === 'ready' && load.items.length > 0 && (
            <ul className="review__list">
              {load.items.map((r) => (
                <li key={r.id}>
                  <button
                    type="button"
                    className="review__item"
                    data-report-id={r.id}
                    onClick={() => setOpenId(r.id)}
                  >
                    <span className="review__item-title">
                      {t(`layers.incidents.types.${r.type}`)}{' '}
                      <span className={`review__severity review__severity--${r.severity}`}>
                        {t(`layers.incidents.severities.${r.severity}`)}
                      </span>
                      {r.simulated && <span className="review__simulated">{t('review.simulated')}</span>}
                    </span>
                    <span className="review__item-line">
                      {when.format(new Date(r.occurredAt))} UTC ·{' '}
                      {r.reporter?.name || r.reporter?.email || t('review.noReporter')}
                    </span>
                    <span className="review__item-line">
                      {countsLine(r.counts, (k, n) => countPhrase(t, k, n)) || t('review.noCounts')}
                    </span>
                    {r.duplicates.length > 0 && (
                      <span className="review__item-duplicates">
                        {t('review.possibleDuplicates', { count: r.duplicates.length })}
                      </span>
                    )}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  )
}
