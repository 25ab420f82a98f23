import { useCallback, useMemo, useRef, useState } from 'react'

import type { Page } from '@/types/domain'

import { messageOf } from '@/services/api'

import { useLoad } from './useLoad'

export type PagedState<T> =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; items: T[]; hasMore: boolean; page: number; more: boolean; moreError: string }

/** The pages after the first, and whether one is being read; `of` is the first page they follow. */
interface Further<T> {
  of: unknown
  items: T[]
  hasMore: boolean
  page: number
  more: boolean
  moreError: string
}

/**
 * A list read page by page (`{ items, hasMore }` answers), for the 加载更多 footer (LoadMore).
 * The first page is a `useLoad` read (again whenever `key` or `version` changes, a late answer
 * dropped); the pages after it belong to the first page they followed, so a page that arrives
 * after a reload is dropped too, and an item that shifted onto the next page is never shown twice
 * (`idOf`).
 */
export function usePaged<T>(
  fetchPage: (page: number) => Promise<{ items: T[]; hasMore: boolean }>,
  idOf: (item: T) => string,
  key: string,
  version = 0,
) {
  const fetchRef = useRef(fetchPage)
  fetchRef.current = fetchPage
  const idRef = useRef(idOf)
  idRef.current = idOf
  const { state: first, reload } = useLoad(() => fetchRef.current(1), key, version)
  const [further, setFurther] = useState<Further<T> | null>(null)
  const base = first.status === 'ready' ? first.data : null
  const baseRef = useRef(base)
  baseRef.current = base

  const state = useMemo<PagedState<T>>(() => {
    if (!base) return first as PagedState<T>
    if (further && further.of === base) {
      const { of: _of, ...rest } = further
      return { status: 'ready', ...rest }
    }
    return { status: 'ready', items: base.items, hasMore: base.hasMore, page: 1, more: false, moreError: '' }
  }, [first, base, further])

  const loadMore = useCallback(async () => {
    if (state.status !== 'ready' || state.more || !state.hasMore || !base) return
    const before = { of: base, items: state.items, hasMore: state.hasMore, page: state.page }
    const page = state.page + 1
    setFurther({ ...before, more: true, moreError: '' })
    try {
      const res = await fetchRef.current(page)
      if (baseRef.current !== base) return
      const seen = new Set(before.items.map(idRef.current))
      setFurther({ of: base, items: [...before.items, ...res.items.filter((i) => !seen.has(idRef.current(i)))], hasMore: res.hasMore, page, more: false, moreError: '' })
    } catch (e) {
      if (baseRef.current === base) setFurther({ ...before, more: false, moreError: messageOf(e) })
    }
  }, [state, base])

  return { state, reload, loadMore }
}

/** A counted page (`org.listUsers`) as usePaged reads it: more while this page did not reach the total. */
export function countedPage<T>(p: Page<T>): Page<T> & { hasMore: boolean } {
  return { ...p, hasMore: p.page * p.pageSize < p.total && p.items.length > 0 }
}
