import { countIn, PAGE_SIZE } from '@/components/PagedList'
import PagedSection from '@/components/PagedSection'
import { POSTS_CHANGED } from '@/domain/posts'
import { useChanged } from '@/hooks/useLoad'
import { call } from '@/services/api'
import LogCard from './LogCard'
import PledgeCard from './PledgeCard'

interface Texts {
  title: string
  emptyTitle: string
  emptyDescription: string
}

/** 服务记录, the caller's own (`mine`) or those waiting for 验收 (`review`), read again on every posts change. */
export function LogSection({ scope, ...texts }: Texts & { scope: 'mine' | 'review' }) {
  const version = useChanged(POSTS_CHANGED)
  return (
    <PagedSection
      {...texts}
      listKey={`logs:${scope}`}
      version={version}
      fetchPage={(page) => call('posts', 'listLogs', { scope, page, pageSize: PAGE_SIZE })}
      idOf={(l) => l._id}
      count={countIn('条')}
      render={(l) => <LogCard key={`${l._id}:${l.status}`} l={l} />}
    />
  )
}

/** 承诺, the caller's own this year (no `communityId`) or a community's members' (践诺 to rate), read again on every posts change. */
export function PledgeSection({ communityId, ...texts }: Texts & { communityId?: string }) {
  const version = useChanged(POSTS_CHANGED)
  return (
    <PagedSection
      {...texts}
      listKey={`pledges:${communityId ?? 'mine'}`}
      version={version}
      fetchPage={(page) => call('posts', 'listPledges', communityId ? { scope: 'community', communityId, page, pageSize: PAGE_SIZE } : { scope: 'mine', page, pageSize: PAGE_SIZE })}
      idOf={(p) => p._id}
      count={countIn('项')}
      render={(p) => <PledgeCard key={`${p._id}:${p.status}`} p={p} />}
    />
  )
}
