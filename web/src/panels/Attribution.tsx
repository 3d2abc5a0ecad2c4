// Where the data comes from, always on the map: Natural Earth, GeoNames, and each data layer's sources.
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
      <ul className="attribution__list">
        {all.map((credit) => (
          <li key={`${credit.label}:${credit.name}`} className="attribution__item">
            <span className="attribution__label">{t('attribution.credit', { label: credit.label })}</span>{' '}
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
