import type { Me } from '@/types/domain'

import IdentityGate from '@/components/IdentityGate'
import LinkList, { type LinkItem } from '@/components/LinkList'
import Page from '@/components/Page'
import Section from '@/components/Section'
import { useChanged } from '@/hooks/useLoad'
import TabHeader from '@/components/TabHeader'
import { isMember, POINTS_CHANGED } from '@/domain/points'
import { entrancesFor, showsOwnAccount } from './parts/entrances'
import MyPoints from './parts/MyPoints'
import './index.scss'

/**
 * 积分: the caller's work first (community staff, a unit's liaison, the county), then 我的积分
 * (balance, hours toward the yearly target, 双报到, the latest entries) and the entrances to
 * their own activities, catalogue, redemptions and leaderboards.
 */
function PointsHome({ me }: { me: Me }) {
  // A check-in here, a redemption or a cancellation in the subpackage: read the account again.
  const version = useChanged(POINTS_CHANGED)
  const { work, own } = entrancesFor(me)
  const group = (g: { title: string; items: LinkItem[] }) => (
    <Section key={g.title} title={g.title}>
      <LinkList items={g.items} />
    </Section>
  )

  return (
    <>
      <TabHeader title='积分' me={me} />
      {work.map(group)}
      {showsOwnAccount(me) ? <MyPoints member={isMember(me)} version={version} /> : null}
      {group(own)}
    </>
  )
}

export default function PointsPage() {
  return (
    <Page>
      <IdentityGate>{(me) => <PointsHome key={me.openid} me={me} />}</IdentityGate>
    </Page>
  )
}
