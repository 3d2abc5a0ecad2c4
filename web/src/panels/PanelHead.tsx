// The head of a side panel: what kind of thing it shows, its title, and the close button.
import { useTranslation } from 'react-i18next'

export interface PanelHeadProps {
  kind: string
  title: string
  /** For the panel's aria-labelledby. */
  titleId?: string
  onClose: () => void
}

export function PanelHead({ kind, title, titleId, onClose }: PanelHeadProps) {
  const { t } = useTranslation()
  return (
    <header className="side-panel__head">
      <div>
        <p className="side-panel__kind">{kind}</p>
        <h2 id={titleId} className="side-panel__title">
          {title}
        </h2>
      </div>
      <button
        type="button"
        className="side-panel__close"
        onClick={onClose}
        aria-label={t('side.close')}
        title={t('side.close')}
      >
        ×
      </button>
    </header>
  )
}
