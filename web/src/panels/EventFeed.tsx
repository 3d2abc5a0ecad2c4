// The event feed: live events, newest first; a click flies the map to the event.
import { useTranslation } from 'react-i18next'
import type { FeedItem } from '../lib/feed.ts'

export function EventFeed({ items, onPick }: { items: FeedItem[]; onPick: (item: FeedItem) => void }) {
  const { t, i18n } = useTranslation()
  const time = new Intl.DateTimeFormat(i18n.language, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  })
  return (
    <section className="feed panel" aria-label={t('feed.title')} data-testid="feed">
      <h2 className="panel__title">{t('feed.title')}</h2>
      {items.length === 0 ? (
        <p className="feed__empty">{t('feed.empty')}</p>
      ) : (
        <ol className="feed__items" aria-live="polite">
          {items.map((item) => {
            const values =
              'type' in item.values && typeof item.values.type === 'string'
                ? {
                    ...item.values,
                    type: t(`layers.incidents.types.${item.values.type}`, { defaultValue: item.values.type }),
                  }
                : item.values
            return (
              <li key={item.id}>
                <button
                  type="button"
                  className={`feed__item feed__item--${item.type.replace('.', '-')}`}
                  onClick={() => onPick(item)}
                  disabled={!item.position && item.incidentId === undefined}
                  data-event-type={item.type}
                >
                  <time className="feed__time" dateTime={item.at}>
                    {time.format(new Date(item.at))}
                  </time>
                  <span className="feed__message">
                    {t(`feed.${item.message}` as 'feed.incidentCreated', values as { type: string })}
                  </span>
                </button>
              </li>
            )
          })}
        </ol>
      )}
    </section>
  )
}
