import { Canvas } from '@tarojs/components'
import Taro from '@tarojs/taro'
// @ts-expect-error -- @qiun/ucharts ships no type declarations; the options below are what we pass.
import UChartsModule from '@qiun/ucharts'
import { memo, useEffect, useState } from 'react'

/**
 * A uCharts line chart (the three rates, 0–100 %) or stacked column chart (诉求量 by category) on a
 * `<Canvas type='2d'>`, in weapp and H5. A picture of numbers the page also writes out as text
 * beside it; it never carries them alone. Subpackage only (uCharts stays out of the main package).
 */

export interface Series {
  name: string
  /** One value a category; null: nothing to show that month. */
  data: (number | null)[]
}

const UCharts = UChartsModule as new (opts: Record<string, unknown>) => unknown

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

const COLORS = ['#b71c1c', '#1565c0', '#2e7d32', '#ef6c00', '#6a1b9a', '#00838f', '#5d4037', '#546e7a']
const TEXT = '#1f2329'
let seq = 0

function pixelRatio(): number {
  try {
    return Taro.getWindowInfo().pixelRatio || 1
  } catch {
    return 1
  }
}

function draw(fields: NodeFields, kind: 'rates' | 'volume', categories: string[], series: Series[]): boolean {
  const canvas = fields.node
  if (!canvas) return false
  const box = fields.width ? { width: fields.width, height: fields.height ?? 0 } : canvas.getBoundingClientRect?.()
  if (!box || !box.width || !box.height) return false
  const ctx = canvas.getContext('2d')
  if (!ctx) return false
  const pix = pixelRatio()
  canvas.width = Math.round(box.width * pix)
  canvas.height = Math.round(box.height * pix)
  const rates = kind === 'rates'
  new UCharts({
    type: rates ? 'line' : 'column',
    context: ctx,
    width: canvas.width,
    height: canvas.height,
    pixelRatio: pix,
    canvas2d: true,
    animation: false,
    background: '#FFFFFF',
    fontSize: 12,
    fontColor: TEXT,
    color: COLORS,
    padding: [16, 12, 4, 4],
    categories,
    series: series.map((s) => ({ name: s.name, data: s.data, formatter: (v: number | null) => (v === null ? '' : rates ? `${v}%` : `${v}`) })),
    legend: { show: true, fontColor: TEXT },
    dataLabel: false,
    xAxis: { fontColor: TEXT, disableGrid: true, rotateLabel: false, labelCount: 6 },
    yAxis: { data: [rates ? { min: 0, max: 100, fontColor: TEXT, formatter: (v: number) => `${Math.round(v)}%` } : { min: 0, fontColor: TEXT }], splitNumber: 4, gridType: 'dash' },
    extra: rates ? { line: { type: 'straight', width: 2 } } : { column: { type: 'stack', width: 14 } },
  })
  return true
}

function TrendChart({ kind, categories, series, label }: { kind: 'rates' | 'volume'; categories: string[]; series: Series[]; label: string }) {
  const [id] = useState(() => `jl-trend-chart-${++seq}`)
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
          // The H5 canvas renders its inner <canvas> a moment after mounting: try again briefly.
          if (!draw(res?.[0] ?? {}, kind, categories, series) && ++tries < 20) setTimeout(attempt, 50)
        })
    }
    Taro.nextTick(attempt)
    return () => {
      live = false
    }
  }, [id, kind, categories, series])

  return <Canvas type='2d' id={id} className='jl-trend-chart' {...({ role: 'img', ariaRole: 'img', ariaLabel: label } as Record<string, string>)} />
}

export default memo(TrendChart)
