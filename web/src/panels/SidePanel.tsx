// The side panel of the selected post, corridor, area, incident…: key figures, a 90-day chart, how a
// derived figure is computed, and where every figure comes from (dataset, licence, citation).
import { useTranslation } from 'react-i18next'
import { useSeries } from '../api/series.ts'
import type { Selection } from '../map/layers/index.ts'
import { ModelledBadge } from './ModelledBadge.tsx'
import { PanelHead } from './PanelHead.tsx'
import { SeriesChart } from './SeriesChart.tsx'

export interface SidePanelProps {
  selection: Selection
  /** The slider's whole span: the chart shows it all. */
  from: Date
  to: Date
  onClose: () => void
}

/** Width of the chart in CSS pixels: the panel's inner width at the root font size. */
const chartWidth = () =>
  Math.round(20.5 * Number.parseFloat(getComputedStyle(document.documentElement).fontSize || '16'))

export function SidePanel({ selection, from, to, onClose }: SidePanelProps) {
  const { t } = useTranslation()
  const d = selection.description
  const series = useSeries(d.series, from, to)
  const modelled = d.modelled || (series?.status === 'ready' && series.data.modelled)
  const width = chartWidth()
  return (
    <section
      className="side-panel panel"
      aria-label={d.title}
      data-testid="side-panel"
      data-layer={selection.layer}
    >
      <PanelHead kind={d.kind} title={d.title} onClose={onClose} />
      {modelled && (
        <p className="side-panel__modelled">
          <ModelledBadge /> {t('modelled.explain')}
        </p>
      )}
      {d.recordId !== undefined && (
        <p className="side-panel__note" role="status">
          {t('layers.incidents.loadingRecord')}
        </p>
      )}
      <dl className="figures">
        {d.rows.map((row) => (
          <div key={row.label} className="figures__row">
            <dt>{row.label}</dt>
            <dd>{row.value}</dd>
          </div>
        ))}
      </dl>
      {d.series && (
        <figure className="side-panel__chart">
          <figcaption>
            {t(d.series.kind === 'crossings' ? 'chart.crossingsTitle' : 'chart.incidentsTitle')}
          </figcaption>
          {series?.status === 'ready' && (
            <SeriesChart series={series.data} width={width} height={Math.round(width * 0.5)} />
          )}
          {series?.status === 'loading' && <p className="side-panel__note">{t('chart.loading')}</p>}
          {series?.status === 'error' && <p className="side-panel__note">{t('chart.failed')}</p>}
        </figure>
      )}
      {d.method && (
        <p className="side-panel__note">
          <strong>{t('side.method')}</strong> {d.method}
        </p>
      )}
      <h3 className="side-panel__subtitle">{t('side.sources')}</h3>
      {d.datasets.length === 0 && series?.status !== 'ready' ? (
        <p className="side-panel__note">{t('side.noSources')}</p>
      ) : (
        <ul className="sources" data-testid="sources">
          {[
            ...new Map(
              [...d.datasets, ...(series?.status === 'ready' ? series.data.datasets : [])].map((s) => [
                s.id,
                s,
              ]),
            ).values(),
          ].map((s) => (
            <li key={s.id} className="sources__item">
              <span className="sources__name">{s.name}</span> {s.modelled && <ModelledBadge />}
              <span className="sources__licence">{t('side.licence', { licence: s.licence })}</span>
              {s.citation && (
                <span className="sources__citation">{t('side.citation', { citation: s.citation })}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
