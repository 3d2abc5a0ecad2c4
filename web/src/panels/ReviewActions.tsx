// The action bar of a report under review: the actions its state allows, its severity, the share toggle
// for its agency's own verified reports, and the reason asked for before a rejection.
import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { SEVERITIES } from '../../../db/vocabulary.ts'
import type { Action, ReportDetail } from '../api/reports.ts'
import { mayShare, reviewButtons } from '../lib/review.ts'

export interface ReviewActionsProps {
  report: ReportDetail
  userId: number | null
  agencyId: number | null
  busy: boolean
  act: (action: Action) => Promise<void>
}

/** Keyed by the report's version where it is used, so that a change applied closes the rejection form. */
export function ReviewActions({ report, userId, agencyId, busy, act }: ReviewActionsProps) {
  const { t } = useTranslation()
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')
  const buttons = reviewButtons(report)
  const submitReject = (event: FormEvent) => {
    event.preventDefault()
    void act({ action: 'reject', reason })
  }
  const button = (label: string, onClick: () => void, primary = false) => (
    <button
      type="button"
      className={primary ? 'review__action review__action--primary' : 'review__action'}
      disabled={busy}
      onClick={onClick}
    >
      {label}
    </button>
  )

  return (
    <>
      <div className="review__actions">
        {buttons.includes('verify') && button(t('review.verify'), () => act({ action: 'verify' }), true)}
        {buttons.includes('reject') && button(t('review.reject'), () => setRejecting((r) => !r))}
        {buttons.includes('resolve') && button(t('review.resolve'), () => act({ action: 'resolve' }))}
        {buttons.includes('reopen') && button(t('review.reopen'), () => act({ action: 'reopen' }))}
        {userId !== null &&
          report.owner?.id !== userId &&
          button(t('review.assignToMe'), () => act({ action: 'assign', ownerId: userId }))}
        {report.owner && button(t('review.unassign'), () => act({ action: 'assign', ownerId: null }))}
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
    </>
  )
}
