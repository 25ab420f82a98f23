import Taro from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'

import type { DemandDetail } from '@/types/dispatch'

import { DEMAND_CHANGED } from '@/domain/dispatch'
import { call, messageOf } from '@/services/api'

export type DemandState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; detail: DemandDetail }

export { messageOf }

/** Tell every open page that a step changed this demand (they show the detail the step returned). */
export function announce(detail: DemandDetail): void {
  Taro.eventCenter.trigger(DEMAND_CHANGED, detail)
}

/**
 * One demand's detail from `dispatch.detail`, kept current: a step taken on another page (派单,
 * 办结, 评价 forms) announces the detail it got back, and this page shows it without a reload.
 * A form page passes `follow: false`: it leaves once its step is done.
 */
export function useDemand(id: string, { follow = true }: { follow?: boolean } = {}) {
  const [state, setState] = useState<DemandState>({ status: 'loading' })
  const generation = useRef(0)

  const load = useCallback(async () => {
    const mine = ++generation.current
    if (!id) {
      setState({ status: 'error', message: '缺少诉求编号，请从列表重新进入' })
      return
    }
    setState({ status: 'loading' })
    try {
      const detail = await call('dispatch', 'detail', { id })
      if (mine === generation.current) setState({ status: 'ready', detail })
    } catch (e) {
      if (mine === generation.current) setState({ status: 'error', message: messageOf(e) })
    }
  }, [id])

  useEffect(() => {
    void load()
  }, [load])

  useEffect(() => {
    if (!follow) return undefined
    const changed = (detail?: DemandDetail) => {
      if (detail && detail._id === id) {
        generation.current++
        setState({ status: 'ready', detail })
      }
    }
    Taro.eventCenter.on(DEMAND_CHANGED, changed)
    return () => {
      Taro.eventCenter.off(DEMAND_CHANGED, changed)
    }
  }, [id, follow])

  const setDetail = useCallback((detail: DemandDetail) => {
    generation.current++
    setState({ status: 'ready', detail })
  }, [])

  return { state, reload: load, setDetail }
}
