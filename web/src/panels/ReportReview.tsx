// One field report under review: what was reported (and where, how precisely, by whom, with its photo),
// its likely duplicates, the actions its state allows, whether other agencies read its details, and its
// audit trail. The action bar, the duplicates and the audit trail are components of their own.
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../api/http.ts'
import { type Action, fetchReport, postAction, type QueueItem, type ReportDetail } from '../api/reports.ts'
import { countPhrase, countsLine, mayShare, reviewButtons } from '../lib/review.ts'
import { ReviewActions } from './ReviewActions.tsx'
import { ReviewAudit } from './ReviewAudit.tsx'
import { ReviewDuplicates } from './ReviewDuplicates.tsx'

export interface ReportReviewProps {
  id: number
  /** The queue's item, with its duplicate suggestions, when the report came from the queue. */
  summary: QueueItem | undefined
  refreshKey: number
  userId: number | null
  /** The reader's agency: the share toggle is for its own verified reports. */
  agencyId: number | null
  onLocate: (position: [number, number], id: number) => void
  onBack: () => void
}

export function ReportReview({
  id,
  summary,
  refreshKey,
  userId,
  agencyId,
  onLocate,
  onBack,
}: ReportReviewProps) {
  const { t, i18n } = useTranslation()
  const [report, setReport] = useState<ReportDetail | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  // biome-ignore lint/correctness/useExhaustiveDependencies: refreshKey is the trigger
  useEffect(() => {
    const abort = new AbortController()
    fetchReport(id, abort.signal)
      .then(setReport)
      .catch((e: unknown) => {
        if (!abort.signal.aborted) setError(String((e as Error).message ?? e))
      })
    return () => abort.abort()
  }, [id, refreshKey])

  const act = useCallback(
    async (action: Action) => {
      if (!report) return
      setBusy(true)
      setError(null)
      try {
        setReport(await postAction(report.id, action, report.version))
      } catch (e) {
        // Someone else changed it first: show theirs, and say so.
        if (e instanceof ApiError && e.status === 412) {
          setReport(await fetchReport(report.id).catch(() => report))
          setError(t('review.changedMeanwhile'))
        } else setError(e instanceof Error ? e.message : String(e))
      } finally {
        setBusy(false)
      }
    },
    [report, t],
  )

  if (!report)
    return (
      <div className="review__detail">
        <button type="button" className="review__back" onClick={onBack}>
          ← {t('review.back')}
        </button>
        <p className="side-panel__note" role={error ? 'alert' : undefined}>
          {error ? t('review.failed', { reason: error }) : t('review.loading')}
        </p>
      </div>
    )

  const when = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  })
  const [lon, lat] = report.location.coordinates

  return (
    <div className="review__detail" data-testid="report-review" data-status={report.status}>
      <button type="button" className="review__back" onClick={onBack}>
        ← {t('review.back')}
      </button>
      <h3 className="review__heading">
        {t(`layers.incidents.types.${report.type}`)} <span className="review__id">#{report.id}</span>
      </h3>
      <p className={`review__status review__status--${report.status}`}>
        {t(`review.status.${report.status}`)}
      </p>
      {report.simulated && <p className="side-panel__modelled">{t('review.simulatedNote')}</p>}
      <dl className="figures">
        <div className="figures__row">
          <dt>{t('review.occurredAt')}</dt>
          <dd>{when.format(new Date(report.occurredAt))} UTC</dd>
        </div>
        <div className="figures__row">
          <dt>{t('review.reportedBy')}</dt>
          <dd>
            {report.reporter?.name || report.reporter?.email || t('review.noReporter')}
            {report.agency ? ` (${report.agency.name})` : ''}
          </dd>
        </div>
        <div className="figures__row">
          <dt>{t('review.where')}</dt>
          <dd>
            {lat.toFixed(4)}, {lon.toFixed(4)}
            {report.accuracyM !== null && ` ± ${t('review.metres', { count: report.accuracyM })}`}{' '}
            <button type="button" className="review__link" onClick={() => onLocate([lon, lat], report.id)}>
              {t('review.showOnMap')}
            </button>
          </dd>
        </div>
        <div className="figures__row">
          <dt>{t('review.people')}</dt>
          <dd>{countsLine(report.counts, (k, n) => countPhrase(t, k, n)) || t('review.noCounts')}</dd>
        </div>
        <div className="figures__row">
          <dt>{t('review.owner')}</dt>
          <dd>{report.owner?.name || t('review.noOwner')}</dd>
        </div>
        {mayShare(report, agencyId) && (
          <div className="figures__row">
            <dt>{t('review.sharing')}</dt>
            <dd data-testid="sharing" data-shareable={report.shareable}>
              {t(report.shareable ? 'review.sharingOn' : 'review.sharingOff')}
            </dd>
          </div>
        )}
        {report.rejectionReason && (
          <div className="figures__row">
            <dt>{t('review.rejectionReason')}</dt>
            <dd>{report.rejectionReason}</dd>
          </div>
        )}
        {report.duplicateOf !== null && (
          <div className="figures__row">
            <dt>{t('review.duplicateOf')}</dt>
            <dd>#{report.duplicateOf}</dd>
          </div>
        )}
      </dl>
      {report.description && <p className="review__description">{report.description}</p>}
      {report.photoUrl && (
        <a href={report.photoUrl} target="_blank" rel="noreferrer">
          <img className="review__photo" src={report.photoUrl} alt={t('review.photo')} />
        </a>
      )}

      {error && (
        <p className="sign-in__error" role="alert">
          {error}
        </p>
      )}
      <ReviewActions
        key={report.version}
        report={report}
        userId={userId}
        agencyId={agencyId}
        busy={busy}
        act={act}
      />
      {reviewButtons(report).includes('merge') && (
        <ReviewDuplicates
          duplicates={report.duplicates ?? summary?.duplicates ?? []}
          duplicateWindow={report.duplicateWindow ?? summary?.duplicateWindow ?? null}
          when={when}
          busy={busy}
          act={act}
        />
      )}
      <ReviewAudit audit={report.audit} when={when} />
    </div>
  )
}
