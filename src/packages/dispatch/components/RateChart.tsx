import { Canvas } from '@tarojs/components'
import Taro from '@tarojs/taro'
// @ts-expect-error -- @qiun/ucharts ships no type declarations; UChartsOptions below types what we pass.
import UChartsModule from '@qiun/ucharts'
import { memo, useEffect, useState } from 'react'

/**
 * A column chart of rates (0–1, null = no data) drawn with uCharts on a `<Canvas type='2d'>`,
 * in weapp and H5. Subpackage only: importing this from the main package would put uCharts there.
 * The chart is a picture of numbers shown as text elsewhere on the page; it never carries them alone.
 */

interface UChartsOptions {
  type: 'column'
  context: unknown
  width: number
  height: number
  pixelRatio: number
  canvas2d: boolean
  animation: boolean
  background: string
  fontSize: number
  fontColor: string
  color: string[]
  padding: number[]
  categories: string[]
  series: { name: string; data: (number | null)[]; formatter: (v: number | null) => string }[]
  legend: { show: boolean }
  xAxis: Record<string, unknown>
  yAxis: Record<string, unknown>
  extra: Record<string, unknown>
}
const UCharts = UChartsModule as new (opts: UChartsOptions) => unknown

/** What createSelectorQuery's `node` is for a 2d canvas: weapp's Canvas or H5's HTMLCanvasElement. */
interface CanvasNode {
  width: number
  height: number
  getContext(type: '2d'): unknown
  getBoundingClientRect?: () => { width: number; height: number }
}

interface NodeFields {
  node?: CanvasNode | null
  width?: number
  height?: number
}

export interface Rate {
  label: string
  /** 0–1; null when there is nothing to divide by. */
  value: number | null
}

let seq = 0

const PRIMARY = '#b71c1c'
const TEXT = '#1f2329'

function pixelRatio(): number {
  try {
    return Taro.getWindowInfo().pixelRatio || 1
  } catch {
    return 1
  }
}

function draw(fields: NodeFields, rates: Rate[]): boolean {
  const canvas = fields.node
  if (!canvas) return false
  // weapp answers `size` beside `node`; Taro H5 returns only the node for a canvas, so measure it.
  const box = fields.width ? { width: fields.width, height: fields.height ?? 0 } : canvas.getBoundingClientRect?.()
  if (!box || !box.width || !box.height) return false
  const ctx = canvas.getContext('2d')
  if (!ctx) return false
  const pix = pixelRatio()
  canvas.width = Math.round(box.width * pix)
  canvas.height = Math.round(box.height * pix)
  new UCharts({
    type: 'column',
    context: ctx,
    width: canvas.width,
    height: canvas.height,
    pixelRatio: pix,
    canvas2d: true,
    animation: false,
    background: '#FFFFFF',
    fontSize: 14,
    fontColor: TEXT,
    color: [PRIMARY],
    padding: [20, 12, 4, 4],
    categories: rates.map((r) => r.label),
    series: [
      {
        name: '三率',
        data: rates.map((r) => (r.value === null ? null : Math.round(r.value * 1000) / 10)),
        formatter: (v) => (v === null ? '' : `${v}%`),
      },
    ],
    legend: { show: false },
    xAxis: { fontSize: 14, fontColor: TEXT, disableGrid: true },
    yAxis: { data: [{ min: 0, max: 100, fontColor: TEXT, formatter: (v: number) => `${Math.round(v)}%` }], splitNumber: 4, gridType: 'dash' },
    extra: { column: { type: 'group', width: 36, categoryGap: 2 } },
  })
  return true
}

function RateChart({ rates, label }: { rates: Rate[]; label: string }) {
  const [id] = useState(() => `jl-rate-chart-${++seq}`)
  useEffect(() => {
    let live = true
    let tries = 0
    const attempt = () => {
      if (!live) return
      Taro.createSelectorQuery()
        .select(`#${id}`)
        .fields({ node: true, size: true })
        .exec((res: (NodeFields | null)[]) => {
          if (!live) return
          // The H5 canvas element renders its inner <canvas> a moment after mounting: try again briefly.
          if (!draw(res?.[0] ?? {}, rates) && ++tries < 20) setTimeout(attempt, 50)
        })
    }
    Taro.nextTick(attempt)
    return () => {
      live = false
    }
  }, [id, rates])

  return (
    <Canvas type='2d' id={id} className='jl-rate-chart' {...({ role: 'img', ariaRole: 'img', ariaLabel: label } as Record<string, string>)} />
  )
}

export default memo(RateChart)
