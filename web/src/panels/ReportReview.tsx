// One field report under review: what was reported (and where, how precisely, by whom, with its photo),
// its likely duplicates, the actions its state allows, whether other agencies read its details, and its
// audit trail: who changed what, and when.
import { type FormEvent, useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { SEVERITIES } from '../../../db/vocabulary.ts'
import { ApiError } from '../api/http.ts'
import { type Action, fetchReport, postAction, type QueueItem, type ReportDetail } from '../api/reports.ts'
import { countPhrase, countsLine, mayShare, reviewButtons } from '../lib/review.ts'

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
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')
  const [mergeInto, setMergeInto] = useState('')

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
        setRejecting(false)
        setReason('')
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
  const buttons = reviewButtons(report)
  const duplicates = report.duplicates ?? summary?.duplicates ?? []
  const duplicateWindow = report.duplicateWindow ?? summary?.duplicateWindow ?? null
  const submitReject = (event: FormEvent) => {
    event.preventDefault()
    void act({ action: 'reject', reason })
  }

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
      <div className="review__actions">
        {buttons.includes('verify') && (
          <button
            type="button"
            className="review__action review__action--primary"
            disabled={busy}
            onClick={() => act({ action: 'verify' })}
          >
            {t('review.verify')}
          </button>
        )}
        {buttons.includes('reject') && (
          <button
            type="button"
            className="review__action"
            disabled={busy}
            onClick={() => setRejecting((r) => !r)}
          >
            {t('review.reject')}
          </button>
        )}
        {buttons.includes('resolve') && (
          <button
            type="button"
            className="review__action"
            disabled={busy}
            onClick={() => act({ action: 'resolve' })}
          >
            {t('review.resolve')}
          </button>
        )}
        {buttons.includes('reopen') && (
          <button
            type="button"
            className="review__action"
            disabled={busy}
            onClick={() => act({ action: 'reopen' })}
          >
            {t('review.reopen')}
          </button>
        )}
        {userId !== null && report.owner?.id !== userId && (
          <button
            type="button"
            className="review__action"
            disabled={busy}
            onClick={() => act({ action: 'assign', ownerId: userId })}
          >
            {t('review.assignToMe')}
          </button>
        )}
        {report.owner && (
          <button
            type="button"
            className="review__action"
            disabled={busy}
            onClick={() => act({ action: 'assign', ownerId: null })}
          >
            {t('review.unassign')}
          </button>
        )}
        <label className="review__severity-field">
          {t('review.severity')}
          <select
            value={report.severity}
            disabled={busy}
            onChange={(e) => {
              const severity = SEVERITIES.find((s) => s === e.target.value)
              if (severity) void act({ action: 'severity', severity })
            }}
          >
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {t(`layers.incidents.severities.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {mayShare(report, agencyId) && (
        <div className="review__share">
          <button
            type="button"
            className="review__action"
            disabled={busy}
            data-testid="share-toggle"
            onClick={() => act({ action: 'share', shareable: !report.shareable })}
          >
            {t(report.shareable ? 'review.unshare' : 'review.share')}
          </button>
          <p className="side-panel__note">{t('review.shareHint')}</p>
        </div>
      )}
      {rejecting && (
        <form className="review__reject" onSubmit={submitReject}>
          <label>
            {t('review.rejectReason')}
            <textarea required value={reason} onChange={(e) => setReason(e.target.value)} rows={2} />
          </label>
          <button type="submit" className="review__action" disabled={busy || !reason.trim()}>
            {t('review.rejectConfirm')}
          </button>
        </form>
      )}

      {buttons.includes('merge') && (
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
                  #{d.id} · {t(`layers.incidents.types.${d.type}`)} · {when.format(new Date(d.occurredAt))}{' '}
                  UTC
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
      )}

      <h4 className="side-panel__subtitle">{t('review.audit')}</h4>
      <ol className="review__audit" data-testid="audit">
        {report.audit.map((entry) => (
          <li key={`${entry.at}-${entry.action}`}>
            <span className="review__audit-when">{when.format(new Date(entry.at))} UTC</span>{' '}
            <strong>{t(`review.auditActions.${entry.action}`, { defaultValue: entry.action })}</strong>{' '}
            {t('review.by', { name: entry.user?.name || entry.user?.email || t('review.system') })}
            {entry.after && Object.keys(entry.after).length > 0 && entry.action !== 'reported' && (
              <span className="review__audit-change">
                {Object.entries(entry.after)
                  .map(([k, v]) => `${k}: ${String(entry.before?.[k] ?? '—')} → ${String(v ?? '—')}`)
                  .join('; ')}
              </span>
            )}
          </li>
        ))}
      </ol>
    </div>
  )
}
