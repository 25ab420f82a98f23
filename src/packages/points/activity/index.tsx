
import IdentityGate from '@/components/IdentityGate'
import Page from '@/components/Page'
import ActivityScreen from '@/packages/points/components/ActivityScreen'
import { usePageParams } from '@/hooks/usePageParams'
import '../components/points.scss'

/** 活动详情 (?id=). */
export default function ActivityPage() {
  const { id = '' } = usePageParams()
  return (
    <Page>
      <IdentityGate>{(me) => <ActivityScreen key={me.openid} id={id} />}</IdentityGate>
    </Page>
  )
}
