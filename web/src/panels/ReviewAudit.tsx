// A report's audit trail: who changed what, and when, oldest first.
import { useTranslation } from 'react-i18next'
import type { ReportDetail } from '../api/reports.ts'

export function ReviewAudit({ audit, when }: { audit: ReportDetail['audit']; when: Intl.DateTimeFormat }) {
  const { t } = useTranslation()
  return (
    <>
      <h4 className="side-panel__subtitle">{t('review.audit')}</h4>
      <ol className="review__audit" data-testid="audit">
        {audit.map((entry) => (
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
    </>
  )
}
