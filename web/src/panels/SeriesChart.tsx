// The side panel's chart: people counted in and out per day at a site, or incidents and deaths per day
// in an area, over the slider's 90 days (uPlot: small, and fast enough for a wall screen).
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import type { Series } from '../api/series.ts'

const COLORS: Record<string, string> = {
  in: '#2dd4bf',
  out: '#ffb020',
  incidents: '#f43f5e',
  dead: '#cbd5e1',
}

export function SeriesChart({ series, width, height }: { series: Series; width: number; height: number }) {
  const { t, i18n } = useTranslation()
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const target = ref.current
    if (!target) return
    const names = Object.keys(series.values)
    const x = series.days.map((d) => Date.parse(`${d}T00:00:00Z`) / 1000)
    const data: uPlot.AlignedData = [x, ...names.map((n) => series.values[n] ?? [])]
    const axis = {
      stroke: '#a9b9c6',
      grid: { stroke: 'rgba(143,166,184,0.18)' },
      ticks: { stroke: 'rgba(143,166,184,0.3)' },
    }
    const number = new Intl.NumberFormat(i18n.language)
    const plot = new uPlot(
      {
        width,
        height,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
        cursor: { drag: { x: false, y: false } },
        legend: { show: true },
        axes: [axis, { ...axis, values: (_, ticks) => ticks.map((v) => number.format(v)) }],
        series: [
          { label: t('chart.day') },
          ...names.map((n) => ({
            label: t(`chart.${n}` as 'chart.in'),
            stroke: COLORS[n] ?? '#fff',
            width: 2,
            fill: `${COLORS[n] ?? '#ffffff'}22`,
          })),
        ],
      },
      data,
      target,
    )
    return () => plot.destroy()
  }, [series, width, height, t, i18n.language])
  return <div ref={ref} className="chart" data-testid="chart" />
}
