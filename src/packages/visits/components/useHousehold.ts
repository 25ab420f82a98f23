import Taro from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'

import type { KeyHouseholdDetail } from '@/types/visits'

import { HOUSEHOLD_CHANGED } from '../../../domain/visits'
import { call } from '../../../services/api'
import { messageOf } from '../../dispatch/components/useDemand'

export type HouseholdState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; detail: KeyHouseholdDetail }

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
  const [state, setState] = useState<HouseholdState>({ status: 'loading' })
  const generation = useRef(0)

  const load = useCallback(async () => {
    const mine = ++generation.current
    if (!id) {
      setState({ status: 'error', message: '缺少重点户编号，请从列表重新进入' })
      return
    }
    setState({ status: 'loading' })
    try {
      const detail = await call('visits', 'detail', { householdId: id })
      if (mine === generation.current) setState({ status: 'ready', detail })
    } catch (e) {
      if (mine === generation.current) setState({ status: 'error', message: messageOf(e) })
    }
  }, [id])

  useEffect(() => {
    void load()
  }, [load])

  const setDetail = useCallback((detail: KeyHouseholdDetail) => {
    generation.current++
    setState({ status: 'ready', detail })
  }, [])

  useEffect(() => {
    if (!follow) return undefined
    const changed = (e?: { householdId: string; detail?: KeyHouseholdDetail }) => {
      if (!e || e.householdId !== id) return
      if (e.detail) setDetail(e.detail)
      else void load()
    }
    Taro.eventCenter.on(HOUSEHOLD_CHANGED, changed)
    return () => {
      Taro.eventCenter.off(HOUSEHOLD_CHANGED, changed)
    }
  }, [id, load, setDetail, follow])

  return { state, reload: load, setDetail }
}

/** The `?id=` (and other params) of this page, read once: a page under another must keep its own. */
export function usePageParams(): Record<string, string> {
  const [params] = useState(() => {
    const raw = Taro.getCurrentInstance().router?.params ?? {}
    return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, String(v ?? '')]))
  })
  return params
}
