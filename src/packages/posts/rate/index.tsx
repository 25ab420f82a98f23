import type { Me } from '@/types/domain'

import IdentityGate from '@/components/IdentityGate'
import Page from '@/components/Page'
import PagedList, { countIn, PAGE_SIZE } from '@/components/PagedList'
import Section from '@/components/Section'
import { EmptyState } from '@/components/States'
import { POSTS_CHANGED } from '@/domain/posts'
import { useChanged } from '@/hooks/useLoad'
import { call } from '@/services/api'
import PledgeCard from '../components/PledgeCard'
import '../components/posts.scss'

function RateScreen({ me }: { me: Me }) {
  const version = useChanged(POSTS_CHANGED)
  const staffOf = me.roles.find((g) => ['staff', 'gridWorker', 'secretary'].includes(g.role))?.communityId
  const communityId = me.community?._id ?? staffOf
  if (!communityId) return <EmptyState title='请先在「我的」里绑定您住的楼栋' />
  return (
    <Section title={`${me.community?.name ?? '本社区'}党员的践诺`}>
      <PagedList
        listKey={`pledges:${communityId}`}
        version={version}
        fetchPage={(page) => call('posts', 'listPledges', { scope: 'community', communityId, page, pageSize: PAGE_SIZE })}
        idOf={(p) => p._id}
        emptyTitle='还没有党员登记践诺'
        emptyDescription='住在本社区的党员做到承诺后，会在这里请您评价。'
        count={countIn('项')}
        render={(p) => <PledgeCard key={`${p._id}:${p.status}`} p={p} />}
      />
    </Section>
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
