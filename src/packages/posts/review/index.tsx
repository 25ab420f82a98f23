import type { Me } from '@/types/domain'

import IdentityGate from '@/components/IdentityGate'
import Page from '@/components/Page'
import { EmptyState } from '@/components/States'
import { isPostStaff } from '@/domain/posts'
import { LogSection } from '../components/Lists'
import '../components/posts.scss'

function ReviewScreen({ me }: { me: Me }) {
  if (!isPostStaff(me)) return <EmptyState title='只有社区工作人员可以验收服务记录' />
  return (
    <LogSection scope='review' title='待验收的服务记录' emptyTitle='没有待验收的服务记录' emptyDescription='党员在岗位上服务后登记，会在这里等待验收。' />
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
