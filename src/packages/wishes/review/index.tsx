import { useState } from 'react'

import type { Me } from '@/types/domain'

import IdentityGate from '@/components/IdentityGate'
import Page from '@/components/Page'
import Section from '@/components/Section'
import Segments from '@/components/Segments'
import { EmptyState } from '@/components/States'
import { reviewsWishes } from '@/domain/wishes'
import WishList from '../components/WishList'
import '../components/wishes.scss'

type Tab = 'review' | 'community'
const TABS: { key: Tab; title: string }[] = [
  { key: 'review', title: '待审核' },
  { key: 'community', title: '本社区全部' },
]

/** 审核微心愿 (staff): the pending wishes to approve onto the wall or decline with a reason, and every wish of the community. */
function ReviewScreen({ me }: { me: Me }) {
  const [tab, setTab] = useState<Tab>('review')
  if (!reviewsWishes(me)) return <EmptyState title='只有社区工作人员可以审核心愿' />
  return (
    <>
      <Segments items={TABS} value={tab} onChange={(k) => setTab(k as Tab)} />
      <Section title={tab === 'review' ? '待审核的心愿' : '本社区的全部心愿'}>
        <WishList
          scope={tab}
          emptyTitle={tab === 'review' ? '没有待审核的心愿' : '本社区还没有心愿'}
          emptyDescription={tab === 'review' ? '居民发布或您代发的心愿会在这里等待审核。' : '居民发布的心愿会出现在这里。'}
        />
      </Section>
    </>
  )
}

export default function ReviewPage() {
  return (
    <Page>
      <IdentityGate>{(me) => <ReviewScreen key={me.openid} me={me} />}</IdentityGate>
    </Page>
  )
}
