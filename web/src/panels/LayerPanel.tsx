// The layer panel: a toggle per layer with its state (loading, count, failure), its legend, and the
// legend items that filter (incident types and severities, corridor modes); under incidents, whether
// merged and rejected reports are shown. Towns close the list.
import { useTranslation } from 'react-i18next'
import type { LayerStates } from '../api/use-layer-data.ts'
import { filterKey, type Hidden } from '../lib/filters.ts'
import { type LegendEntry, layerOrder, type MapLayerId } from '../map/layers/index.ts'
import { rgbaToCss, townColors } from '../map/theme.ts'
import { ModelledBadge } from './ModelledBadge.tsx'
import { Swatch } from './Swatch.tsx'

export interface LayerPanelProps {
  states: LayerStates
  legends: Record<MapLayerId, LegendEntry>
  visible: ReadonlySet<MapLayerId>
  onToggle: (id: MapLayerId) => void
  hidden: Hidden
  onFilter: (key: string) => void
  onRetry: () => void
  /** Incidents include merged and rejected reports (drawn muted, not counted). */
  closedReports: boolean
  onClosedReports: (on: boolean) => void
}

function LayerState({ id, states, count }: { id: MapLayerId; states: LayerStates; count?: number }) {
  const { t } = useTranslation()
  const state = states[id]
  if (state.status === 'loading')
    return <span className="status__spinner" role="status" aria-label={t('status.loadingShort')} />
  if (state.status === 'error') return <span className="layer__failed">{t('status.unavailable')}</span>
  return (
    <span className="layer__count">{t('panel.count', { count: count ?? state.data.features.length })}</span>
  )
}

export function LayerPanel({
  states,
  legends,
  visible,
  onToggle,
  hidden,
  onFilter,
  onRetry,
  closedReports,
  onClosedReports,
}: LayerPanelProps) {
  const { t, i18n } = useTranslation()
  const number = new Intl.NumberFormat(i18n.language)
  return (
    <aside className="layer-panel panel" aria-label={t('panel.layers')} data-testid="layer-panel">
      <h2 className="panel__title">{t('panel.layers')}</h2>
      {layerOrder.map((id) => {
        const legend = legends[id]
        const state = states[id]
        const on = visible.has(id)
        return (
          <section key={id} className="layer" data-layer={id} data-status={state.status}>
            <div className="layer__head">
              <label className="layer__toggle">
                <input
                  type="checkbox"
                  checked={on}
                  onChange={() => onToggle(id)}
                  data-testid={`toggle-${id}`}
                />
                <span className="layer__name">{legend.title}</span>
              </label>
              {legend.modelled && <ModelledBadge />}
              <LayerState id={id} states={states} count={legend.count} />
            </div>
            {state.status === 'error' && (
              <div className="status status--error" role="alert">
                <p className="status__detail">
                  {t(`status.errors.${state.error.kind}`, { status: state.error.status })}
                </p>
                <button type="button" className="status__retry" onClick={onRetry}>
                  {t('status.retry')}
                </button>
              </div>
            )}
            {on && (
              <>
                {legend.note && <p className="layer__note">{legend.note}</p>}
                {id === 'incidents' && (
                  <label className="layer__option" title={t('layers.incidents.showClosedHint')}>
                    <input
                      type="checkbox"
                      checked={closedReports}
                      onChange={(e) => onClosedReports(e.target.checked)}
                      data-testid="show-closed-reports"
                    />
                    {t('layers.incidents.showClosed')}
                  </label>
                )}
                <ul className="legend__items">
                  {legend.items.map((item) => {
                    const key = filterKey(id, item.id)
                    const content = (
                      <>
                        <Swatch item={item} />
                        <span className="legend__label">{item.label}</span>
                        {item.count !== undefined && (
                          <span className="legend__count">{number.format(item.count)}</span>
                        )}
                      </>
                    )
                    return (
                      <li key={item.id} className="legend__item">
                        {item.filter ? (
                          <button
                            type="button"
                            className="legend__filter"
                            aria-pressed={!hidden.has(key)}
                            title={t('panel.filter')}
                            onClick={() => onFilter(key)}
                          >
                            {content}
                          </button>
                        ) : (
                          content
                        )}
                      </li>
                    )
                  })}
                </ul>
              </>
            )}
          </section>
        )
      })}
      <section className="layer">
        <h3 className="layer__name">{t('legend.towns')}</h3>
        <ul className="legend__items">
          <li className="legend__item">
            <span
              className="swatch swatch--small"
              style={{ backgroundColor: rgbaToCss(townColors.transitDot) }}
              aria-hidden
            />
            <span className="legend__label">{t('legend.keyTown')}</span>
          </li>
          <li className="legend__item">
            <span
              className="swatch swatch--tiny"
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
