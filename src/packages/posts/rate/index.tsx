import type { Me } from '@/types/domain'

import IdentityGate from '@/components/IdentityGate'
import Page from '@/components/Page'
import { EmptyState } from '@/components/States'
import { PledgeSection } from '../components/Lists'
import '../components/posts.scss'

function RateScreen({ me }: { me: Me }) {
  const staffOf = me.roles.find((g) => ['staff', 'gridWorker', 'secretary'].includes(g.role))?.communityId
  const communityId = me.community?._id ?? staffOf
  if (!communityId) return <EmptyState title='请先在「我的」里绑定您住的楼栋' />
  return (
    <PledgeSection
      communityId={communityId}
      title={`${me.community?.name ?? '本社区'}党员的践诺`}
      emptyTitle='还没有党员登记践诺'
      emptyDescription='住在本社区的党员做到承诺后，会在这里请您评价。'
    />
  )
}

/** 党员承诺: the community's members' fulfilled pledges — residents give their verdict (群众评), the branch rates (评诺). */
export default function RatePage() {
  return (
    <Page>
      <IdentityGate>{(me) => <RateScreen key={me.openid} me={me} />}</IdentityGate>
    </Page>
  )
}
