// "Modelled": said wherever a modelled figure is shown, so it is never read as an observation.
import { useTranslation } from 'react-i18next'

export function ModelledBadge() {
  const { t } = useTranslation()
  return (
    <span className="badge badge--modelled" title={t('modelled.explain')} data-testid="modelled">
      {t('modelled.label')}
    </span>
  )
}
