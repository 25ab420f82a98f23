import { memo, useMemo } from 'react'

import Chart, { CHART_TEXT } from '@/components/Chart'

/** A column chart of rates (0–1, null = no data): the 三率 card's picture of the figures it writes out. */

export interface Rate {
  label: string
  /** 0–1; null when there is nothing to divide by. */
  value: number | null
}

const PRIMARY = '#b71c1c'

function RateChart({ rates, label }: { rates: Rate[]; label: string }) {
  const options = useMemo(
    () => ({
      type: 'column',
      fontSize: 14,
      color: [PRIMARY],
      padding: [20, 12, 4, 4],
      categories: rates.map((r) => r.label),
      series: [
        {
          name: '三率',
          data: rates.map((r) => (r.value === null ? null : Math.round(r.value * 1000) / 10)),
          formatter: (v: number | null) => (v === null ? '' : `${v}%`),
        },
      ],
      legend: { show: false },
      xAxis: { fontSize: 14, fontColor: CHART_TEXT, disableGrid: true },
      yAxis: { data: [{ min: 0, max: 100, fontColor: CHART_TEXT, formatter: (v: number) => `${Math.round(v)}%` }], splitNumber: 4, gridType: 'dash' },
      extra: { column: { type: 'group', width: 36, categoryGap: 2 } },
    }),
    [rates],
  )
  return <Chart options={options} label={label} className='jl-rate-chart' />
}

export default memo(RateChart)
