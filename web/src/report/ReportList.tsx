// The reports of this phone, newest first: waiting to be sent, sent (and how their review stands), or
// refused (with the server's reason, to correct them).
import { useTranslation } from 'react-i18next'
import { type OutboxItem, sendableBy } from './outbox/outbox.ts'

export interface ReportListProps {
  items: OutboxItem[]
  /** The reporter of the page: the reports of someone else wait for them to sign in. */
  userId: number | null
  online: boolean
  onSendNow: () => void
  onEdit: (item: OutboxItem) => void
  onDiscard: (item: OutboxItem) => void
}

/** What the list shows of an item's state: a report waiting for a sign-in (its author's) is told apart. */
function displayState(item: OutboxItem, userId: number | null): 'queued' | 'sent' | 'failed' | 'signIn' {
  if (item.state !== 'queued') return item.state
  return item.needsSignIn || !sendableBy(item, userId) ? 'signIn' : 'queued'
}

export function ReportList({ items, userId, online, onSendNow, onEdit, onDiscard }: ReportListProps) {
  const { t, i18n } = useTranslation()
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' })
  const clock = new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' })
  const waiting = items.some((i) => displayState(i, userId) === 'queued')
  return (
    <section className="rp-card rp-list" aria-labelledby="report-list-title" data-testid="report-list">
      <div className="rp-list__head">
        <h2 className="rp-card__title" id="report-list-title">
          {t('report.list.title')}
        </h2>
        {waiting && online && (
          <button className="rp-button rp-button--small" type="button" onClick={onSendNow}>
            {t('report.list.sendNow')}
          </button>
        )}
      </div>
      {items.length === 0 ? (
        <p className="rp-muted">{t('report.list.empty')}</p>
      ) : (
        <ol className="rp-list__items" aria-live="polite">
          {items.map((item) => {
            const state = displayState(item, userId)
            return (
              <li
                key={item.key}
                className="rp-item"
                data-testid="report-item"
                data-state={item.state}
                data-review={item.review}
                data-key={item.key}
              >
                <div className="rp-item__head">
                  <strong className="rp-item__type">{t(`layers.incidents.types.${item.body.type}`)}</strong>
                  <span className={`rp-badge rp-badge--${state}`} data-testid="report-state">
                    {t(`report.state.${state}`)}
                  </span>
                </div>
                <p className="rp-item__meta rp-muted">
                  <time dateTime={item.body.occurredAt}>{when.format(new Date(item.body.occurredAt))}</time>
                  {item.serverId !== undefined && (
                    <span data-testid="report-number">{t('report.list.number', { id: item.serverId })}</span>
                  )}
                  {item.body.photo && <span>{t('report.list.withPhoto')}</span>}
                </p>
                {item.body.description && <p className="rp-item__text">{item.body.description}</p>}
                {item.state === 'sent' && item.review && (
                  <p className="rp-item__review">
                    <span className={`rp-badge rp-badge--review-${item.review}`} data-testid="report-review">
                      {t(`report.review.${item.review}`)}
                    </span>
                    {item.rejectionReason && (
                      <span>{t('report.list.rejectionReason', { reason: item.rejectionReason })}</span>
                    )}
                    {item.duplicateOf !== undefined && (
                      <span>{t('report.list.duplicateOf', { id: item.duplicateOf })}</span>
                    )}
                  </p>
                )}
                {state === 'signIn' && item.author && !sendableBy(item, userId) && (
                  <p className="rp-item__note rp-muted">
                    {t('report.list.otherAuthor', { name: item.author.name })}
                  </p>
                )}
                {state === 'queued' && item.error && (
                  <p className="rp-item__note rp-muted">
                    {item.noConnection
                      ? t('report.list.noConnection')
                      : t('report.list.lastTry', { reason: item.error })}
                    {item.nextAttemptAt > Date.now() &&
                      ` · ${t('report.list.nextTry', { time: clock.format(new Date(item.nextAttemptAt)) })}`}
                  </p>
                )}
                {item.state === 'failed' && (
                  <>
                    <p className="rp-note rp-note--error" data-testid="report-error">
                      {t('report.list.refused', { reason: item.error ?? '' })}
                    </p>
                    <div className="rp-buttons">
                      <button className="rp-button" type="button" onClick={() => onEdit(item)}>
                        {t('report.list.edit')}
                      </button>
                      <button
                        className="rp-button rp-button--quiet"
                        type="button"
                        onClick={() => onDiscard(item)}
                      >
                        {t('report.list.discard')}
                      </button>
                    </div>
                  </>
                )}
              </li>
            )
          })}
        </ol>
      )}
    </section>
  )
}
