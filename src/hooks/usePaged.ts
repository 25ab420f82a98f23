import { useCallback, useEffect, useRef, useState } from 'react'

import type { Page } from '@/types/domain'

import { messageOf } from '@/services/api'

export type PagedState<T> =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; items: T[]; hasMore: boolean; page: number; more: boolean; moreError: string }


/**
 * A list read page by page (`{ items, hasMore }` answers), for the 加载更多 footer (LoadMore):
 * page 1 again whenever `key` or `version` changes; a late answer to an older request is dropped;
 * an item that shifted onto the next page is never shown twice (`idOf`).
 */
export function usePaged<T>(
  fetchPage: (page: number) => Promise<{ items: T[]; hasMore: boolean }>,
  idOf: (item: T) => string,
  key: string,
  version = 0,
) {
  const [state, setState] = useState<PagedState<T>>({ status: 'loading' })
  const generation = useRef(0)
  const fetchRef = useRef(fetchPage)
  fetchRef.current = fetchPage
  const idRef = useRef(idOf)
  idRef.current = idOf

  const reload = useCallback(async () => {
    const mine = ++generation.current
    setState({ status: 'loading' })
    try {
      const res = await fetchRef.current(1)
      if (mine === generation.current) setState({ status: 'ready', items: res.items, hasMore: res.hasMore, page: 1, more: false, moreError: '' })
    } catch (e) {
      if (mine === generation.current) setState({ status: 'error', message: messageOf(e) })
    }
    // `key` names what is listed: a new key is a new list.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key])

  useEffect(() => {
    void reload()
  }, [reload, version])

  const loadMore = useCallback(async () => {
    if (state.status !== 'ready' || state.more || !state.hasMore) return
    const mine = generation.current
    const page = state.page + 1
    setState({ ...state, more: true, moreError: '' })
    try {
      const res = await fetchRef.current(page)
      if (mine !== generation.current) return
      const seen = new Set(state.items.map(idRef.current))
      setState({ status: 'ready', items: [...state.items, ...res.items.filter((i) => !seen.has(idRef.current(i)))], hasMore: res.hasMore, page, more: false, moreError: '' })
    } catch (e) {
      if (mine === generation.current) setState({ ...state, more: false, moreError: messageOf(e) })
    }
  }, [state])

  return { state, reload, loadMore }
}

/** A counted page (`org.listUsers`) as usePaged reads it: more while this page did not reach the total. */
export function countedPage<T>(p: Page<T>): Page<T> & { hasMore: boolean } {
  return { ...p, hasMore: p.page * p.pageSize < p.total && p.items.length > 0 }
}
