import { memo, useMemo } from 'react'

import Chart, { CHART_TEXT } from '@/components/Chart'

/** A line chart of the three rates (0–100 %) or a stacked column chart of 诉求量 by category, over months. */

export interface Series {
  name: string
  /** One value a category; null: nothing to show that month. */
  data: (number | null)[]
}

const COLORS = ['#b71c1c', '#1565c0', '#2e7d32', '#ef6c00', '#6a1b9a', '#00838f', '#5d4037', '#546e7a']

function TrendChart({ kind, categories, series, label }: { kind: 'rates' | 'volume'; categories: string[]; series: Series[]; label: string }) {
  const options = useMemo(() => {
    const rates = kind === 'rates'
    return {
      type: rates ? 'line' : 'column',
      fontSize: 12,
      color: COLORS,
      padding: [16, 12, 4, 4],
      categories,
      series: series.map((s) => ({ name: s.name, data: s.data, formatter: (v: number | null) => (v === null ? '' : rates ? `${v}%` : `${v}`) })),
      legend: { show: true, fontColor: CHART_TEXT },
      dataLabel: false,
      xAxis: { fontColor: CHART_TEXT, disableGrid: true, rotateLabel: false, labelCount: 6 },
      yAxis: { data: [rates ? { min: 0, max: 100, fontColor: CHART_TEXT, formatter: (v: number) => `${Math.round(v)}%` } : { min: 0, fontColor: CHART_TEXT }], splitNumber: 4, gridType: 'dash' },
      extra: rates ? { line: { type: 'straight', width: 2 } } : { column: { type: 'stack', width: 14 } },
    }
  }, [kind, categories, series])
  return <Chart options={options} label={label} className='jl-trend-chart' />
}

export default memo(TrendChart)
