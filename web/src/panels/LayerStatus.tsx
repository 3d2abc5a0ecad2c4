// Whether each data layer is loading, shown (with its count) or failed (with why, and a retry).
import { useTranslation } from 'react-i18next'
import type { LayerId } from '../api/layers.ts'
import type { LayerStates } from '../api/use-layer-data.ts'
import { layerOrder } from '../map/layers/index.ts'

export function LayerStatus({ states, onRetry }: { states: LayerStates; onRetry: () => void }) {
  const { t } = useTranslation()
  return (
    <div className="layer-status" data-testid="layer-status">
      {layerOrder.map((id: LayerId) => {
        const state = states[id]
        const layer = t(`layers.${id}.name`)
        if (state.status === 'loading') {
          return (
            <p
              key={id}
              className="status status--loading panel"
              role="status"
              data-layer={id}
              data-status="loading"
            >
              <span className="status__spinner" aria-hidden />
              {t('status.loading', { layer })}
            </p>
          )
        }
        if (state.status === 'error') {
          const { kind, status } = state.error
          return (
            <div
              key={id}
              className="status status--error panel"
              role="alert"
              data-layer={id}
              data-status="error"
            >
              <p className="status__title">{t('status.failed', { layer })}</p>
              <p className="status__detail">
                {t(`status.errors.${kind}`, { status })} {t('status.basemapStillShown')}
              </p>
              <button type="button" className="status__retry" onClick={onRetry}>
                {t('status.retry')}
              </button>
            </div>
          )
        }
        return (
          <p key={id} className="status status--ready panel" data-layer={id} data-status="ready">
            {t(`layers.${id}.count`, { count: state.data.features.length })}
          </p>
        )
      })}
    </div>
  )
}
