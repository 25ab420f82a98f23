import type { Me } from '@/types/domain'

import IdentityGate from '@/components/IdentityGate'
import Page from '@/components/Page'
import PagedList, { countIn, PAGE_SIZE } from '@/components/PagedList'
import Section from '@/components/Section'
import { EmptyState } from '@/components/States'
import { isPostStaff, POSTS_CHANGED } from '@/domain/posts'
import { useChanged } from '@/hooks/useLoad'
import { call } from '@/services/api'
import LogCard from '../components/LogCard'
import '../components/posts.scss'

function ReviewScreen({ me }: { me: Me }) {
  const version = useChanged(POSTS_CHANGED)
  if (!isPostStaff(me)) return <EmptyState title='只有社区工作人员可以验收服务记录' />
  return (
    <Section title='待验收的服务记录'>
      <PagedList
        listKey='logs:review'
        version={version}
        fetchPage={(page) => call('posts', 'listLogs', { scope: 'review', page, pageSize: PAGE_SIZE })}
        idOf={(l) => l._id}
        emptyTitle='没有待验收的服务记录'
        emptyDescription='党员在岗位上服务后登记，会在这里等待验收。'
        count={countIn('条')}
        render={(l) => <LogCard key={`${l._id}:${l.status}`} l={l} />}
      />
    </Section>
  )
}

/** 服务记录验收 (staff): verify a member's hours in a post (时长和积分), or return them with a reason. */
export default function ReviewPage() {
  return (
    <Page>
      <IdentityGate>{(me) => <ReviewScreen key={me.openid} me={me} />}</IdentityGate>
    </Page>
  )
}
