// Zoom in, zoom out and back to the route: our own buttons, so that their labels are translated and
// they sit at the inline end of the map in both text directions.
import { useTranslation } from 'react-i18next'

export interface MapControlsProps {
  onZoomIn: () => void
  onZoomOut: () => void
  onResetView: () => void
}

export function MapControls({ onZoomIn, onZoomOut, onResetView }: MapControlsProps) {
  const { t } = useTranslation()
  return (
    <div className="map-controls panel">
      <button
        type="button"
        className="map-controls__button"
        onClick={onZoomIn}
        aria-label={t('map.zoomIn')}
        title={t('map.zoomIn')}
      >
        +
      </button>
      <button
        type="button"
        className="map-controls__button"
        onClick={onZoomOut}
        aria-label={t('map.zoomOut')}
        title={t('map.zoomOut')}
      >
        −
      </button>
      <button type="button" className="map-controls__button map-controls__button--text" onClick={onResetView}>
        {t('map.resetView')}
      </button>
    </div>
  )
}
