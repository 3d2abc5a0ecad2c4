// The legend: each data layer's kinds with their colours and counts, then the town symbols.
import { useTranslation } from 'react-i18next'
import type { LegendEntry } from '../map/layers/index.ts'
import { rgbaToCss, townColors } from '../map/theme.ts'

export function Legend({ entries }: { entries: LegendEntry[] }) {
  const { t, i18n } = useTranslation()
  const number = new Intl.NumberFormat(i18n.language)
  return (
    <aside className="legend panel" aria-label={t('legend.title')} data-testid="legend">
      {entries.map((entry) => (
        <section key={entry.id} className="legend__section">
          <h2 className="legend__title">{entry.title}</h2>
          <ul className="legend__items">
            {entry.items.map((item) => (
              <li key={item.id} className="legend__item">
                <span
                  className="legend__swatch"
                  style={{ backgroundColor: rgbaToCss(item.color) }}
                  aria-hidden
                />
                <span className="legend__label">{item.label}</span>
                {item.count !== undefined && (
                  <span className="legend__count">{number.format(item.count)}</span>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
      <section className="legend__section">
        <h2 className="legend__title">{t('legend.towns')}</h2>
        <ul className="legend__items">
          <li className="legend__item">
            <span
              className="legend__dot legend__dot--transit"
              style={{ backgroundColor: rgbaToCss(townColors.transitDot) }}
              aria-hidden
            />
            <span className="legend__label">{t('legend.keyTown')}</span>
          </li>
          <li className="legend__item">
            <span
              className="legend__dot"
              style={{ backgroundColor: rgbaToCss(townColors.dot) }}
              aria-hidden
            />
            <span className="legend__label">{t('legend.town')}</span>
          </li>
        </ul>
      </section>
    </aside>
  )
}
