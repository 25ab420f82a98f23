import Taro from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'

import { messageOf } from '@/services/api'

export type LoadState<T> = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; data: T }

export { messageOf }

/**
 * One thing read from the backend: loading, the server's Chinese message on failure, or the data.
 * Read again whenever `key` (what is read) or `version` (something changed) changes; a late answer
 * to an older request is dropped. `set` shows data an action returned without another read.
 */
export function useLoad<T>(fetch: () => Promise<T>, key: string, version = 0) {
  const [state, setState] = useState<LoadState<T>>({ status: 'loading' })
  const generation = useRef(0)
  const fetchRef = useRef(fetch)
  fetchRef.current = fetch

  const reload = useCallback(async () => {
    const mine = ++generation.current
    setState({ status: 'loading' })
    try {
      const data = await fetchRef.current()
      if (mine === generation.current) setState({ status: 'ready', data })
    } catch (e) {
      if (mine === generation.current) setState({ status: 'error', message: messageOf(e) })
    }
    // `key` names what is read: a new key is a new read.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key])

  useEffect(() => {
    void reload()
  }, [reload, version])

  const set = useCallback((data: T) => {
    generation.current++
    setState({ status: 'ready', data })
  }, [])

  return { state, reload, set }
}

/**
 * A number that goes up each time `event` is triggered on Taro.eventCenter (a step on another
 * page changed what this one shows): pass it as `version` to read again.
 */
export function useChanged(event: string): number {
  const [version, setVersion] = useState(0)
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1)
    Taro.eventCenter.on(event, bump)
    return () => {
      Taro.eventCenter.off(event, bump)
    }
  }, [event])
  return version
}
