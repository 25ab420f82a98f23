import Taro from '@tarojs/taro'
import { useEffect } from 'react'

import type { KeyHouseholdDetail } from '@/types/visits'

import { ApiCallError, call } from '@/services/api'
import { useLoad } from '@/hooks/useLoad'
import { HOUSEHOLD_CHANGED } from '@/domain/visits'

/** Tell every open page that a household changed; a detail, when the step returned one, is shown as is. */
export function announceHousehold(householdId: string, detail?: KeyHouseholdDetail): void {
  Taro.eventCenter.trigger(HOUSEHOLD_CHANGED, { householdId, detail })
}

/**
 * One key household from `visits.detail` (the server logs this read when it carries the sensitive
 * part). A step taken on another page (a visit, a pairing) announces the change: this page shows
 * the detail it was given, or reads again. A form page passes `follow: false`: it leaves once done.
 */
export function useHousehold(id: string, { follow = true }: { follow?: boolean } = {}) {
  const { state, reload, set } = useLoad<KeyHouseholdDetail>(
    () => (id ? call('visits', 'detail', { householdId: id }) : Promise.reject(new ApiCallError('INVALID_INPUT', '缺少重点户编号，请从列表重新进入'))),
    `household:${id}`,
  )

  useEffect(() => {
    if (!follow) return undefined
    const changed = (e?: { householdId: string; detail?: KeyHouseholdDetail }) => {
      if (!e || e.householdId !== id) return
      if (e.detail) set(e.detail)
      else void reload()
    }
    Taro.eventCenter.on(HOUSEHOLD_CHANGED, changed)
    return () => {
      Taro.eventCenter.off(HOUSEHOLD_CHANGED, changed)
    }
  }, [id, reload, set, follow])

  return { state, reload, setDetail: set }
}
