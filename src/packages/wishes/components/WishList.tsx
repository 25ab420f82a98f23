import type { WishListScope, WishStatus } from '@/types/wishes'

import PagedList, { countIn, PAGE_SIZE } from '@/components/PagedList'
import { useChanged } from '@/hooks/useLoad'
import { WISH_CHANGED } from '@/domain/wishes'
import { call } from '@/services/api'
import WishCard from './WishCard'

/** A paged list of wishes, each with its steps; read again when a step elsewhere changed one. */
export default function WishList({
  scope,
  communityId,
  status,
  emptyTitle,
  emptyDescription,
}: {
  scope: WishListScope
  communityId?: string
  status?: WishStatus
  emptyTitle: string
  emptyDescription: string
}) {
  const version = useChanged(WISH_CHANGED)
  return (
    <PagedList
      listKey={`wishes:${scope}:${communityId ?? ''}:${status ?? ''}`}
      version={version}
      fetchPage={(page) => call('wishes', 'list', { scope, ...(communityId ? { communityId } : {}), ...(status ? { status } : {}), page, pageSize: PAGE_SIZE })}
      idOf={(w) => w._id}
      emptyTitle={emptyTitle}
      emptyDescription={emptyDescription}
      count={countIn('个心愿')}
      render={(w) => <WishCard key={`${w._id}:${w.status}`} w={w} />}
    />
  )
}
