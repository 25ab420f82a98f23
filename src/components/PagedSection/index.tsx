import type { ReactNode } from 'react'

import PagedList, { type PagedListProps } from '@/components/PagedList'
import Section from '@/components/Section'

/**
 * A titled section of one list read page by page (PagedList, with its loading, error, empty and
 * 加载更多 states); `children` stand above the list (a choice of community, a search field).
 */
export default function PagedSection<T>({ title, extra, children, ...list }: PagedListProps<T> & { title: string; extra?: ReactNode; children?: ReactNode }) {
  return (
    <Section title={title} extra={extra}>
      {children}
      <PagedList {...list} />
    </Section>
  )
}
