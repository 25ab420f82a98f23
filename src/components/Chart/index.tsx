import { Canvas } from '@tarojs/components'
import Taro from '@tarojs/taro'
// @ts-expect-error -- @qiun/ucharts ships no type declarations; ChartOptions types what we pass.
import UChartsModule from '@qiun/ucharts'
import { memo, useEffect, useState } from 'react'

/**
 * A uCharts chart on a `<Canvas type='2d'>`, in weapp and H5: this component finds the canvas,
 * sizes it for the screen's pixel ratio and hands uCharts the context; callers pass only what the
 * chart shows (type, categories, series, axes), memoised so it redraws when they change.
 * A chart is a picture of numbers the page also writes out as text; it never carries them alone.
 * Import it from subpackages only: the build's optimizeMainPackage then copies uCharts into each
 * subpackage that uses it, and the main package stays without it.
 */
export type ChartOptions = Record<string, unknown>

const UCharts = UChartsModule as new (opts: ChartOptions) => unknown

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

export const CHART_TEXT = '#1f2329'
let seq = 0

function pixelRatio(): number {
  try {
    return Taro.getWindowInfo().pixelRatio || 1
  } catch {
    return 1
  }
}

function draw(fields: NodeFields, options: ChartOptions): boolean {
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
  new UCharts({ background: '#FFFFFF', fontColor: CHART_TEXT, ...options, context: ctx, width: canvas.width, height: canvas.height, pixelRatio: pix, canvas2d: true, animation: false })
  return true
}

function Chart({ options, label, className }: { options: ChartOptions; label: string; className: string }) {
  const [id] = useState(() => `jl-chart-${++seq}`)
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
          if (!draw(res?.[0] ?? {}, options) && ++tries < 20) setTimeout(attempt, 50)
        })
    }
    Taro.nextTick(attempt)
    return () => {
      live = false
    }
  }, [id, options])

  return <Canvas type='2d' id={id} className={className} {...({ role: 'img', ariaRole: 'img', ariaLabel: label } as Record<string, string>)} />
}

export default memo(Chart)
