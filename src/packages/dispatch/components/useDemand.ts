import Taro from '@tarojs/taro'
import { useEffect } from 'react'

import type { DemandDetail } from '@/types/dispatch'

import { DEMAND_CHANGED } from '@/domain/dispatch'
import { useLoad } from '@/hooks/useLoad'
import { ApiCallError, call, messageOf } from '@/services/api'

export { messageOf }

/** Tell every open page that a step changed this demand (they show the detail the step returned). */
export function announce(detail: DemandDetail): void {
  Taro.eventCenter.trigger(DEMAND_CHANGED, detail)
}

/**
 * One demand's detail from `dispatch.detail` (the shared loader, useLoad), kept current: a step
 * taken on another page (派单, 办结, 评价 forms) announces the detail it got back, and this page
 * shows it without a reload. A form page passes `follow: false`: it leaves once its step is done.
 */
export function useDemand(id: string, { follow = true }: { follow?: boolean } = {}) {
  const { state, reload, set } = useLoad<DemandDetail>(
    () => (id ? call('dispatch', 'detail', { id }) : Promise.reject(new ApiCallError('INVALID_INPUT', '缺少诉求编号，请从列表重新进入'))),
    `demand:${id}`,
  )

  useEffect(() => {
    if (!follow) return undefined
    const changed = (detail?: DemandDetail) => {
      if (detail && detail._id === id) set(detail)
    }
    Taro.eventCenter.on(DEMAND_CHANGED, changed)
    return () => {
      Taro.eventCenter.off(DEMAND_CHANGED, changed)
    }
  }, [id, follow, set])

  return { state, reload, setDetail: set }
}
