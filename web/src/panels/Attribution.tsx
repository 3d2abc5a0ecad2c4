// Where the data comes from, always on the map: Natural Earth, GeoNames, and each shown layer's
// datasets, on one line that opens on hover or focus (licences and citations: the side panel).
import { useTranslation } from 'react-i18next'
import type { Credit } from '../map/layers/index.ts'

export function Attribution({ credits }: { credits: Credit[] }) {
  const { t } = useTranslation()
  const all: Credit[] = [
    { label: t('attribution.basemap'), name: 'Natural Earth', url: 'https://www.naturalearthdata.com/' },
    { label: t('attribution.towns'), name: 'GeoNames', url: 'https://www.geonames.org/' },
    ...credits,
  ]
  return (
    <aside className="attribution panel" aria-label={t('attribution.label')} data-testid="attribution">
      <span className="attribution__title">{t('attribution.lead')}</span>
      <ul className="attribution__list">
        {all.map((credit) => (
          <li
            key={credit.name}
            className="attribution__item"
            title={credit.licence ? t('side.licence', { licence: credit.licence }) : credit.label}
          >
            {credit.url ? (
              <a href={credit.url} target="_blank" rel="noreferrer">
                {credit.name}
              </a>
            ) : (
              credit.name
            )}
          </li>
        ))}
      </ul>
    </aside>
  )
}
