import IdentityGate from '@/components/IdentityGate'
import Page from '@/components/Page'
import { usePageParams } from '@/hooks/usePageParams'
import DashboardScreen from '../components/DashboardScreen'
import '../components/stats.scss'

/** 统计看板 (?scope=&id=&period=): 三率 rankings, the 12-month trend, and the items behind every figure. */
export default function DashboardPage() {
  const params = usePageParams()
  return (
    <Page>
      <IdentityGate>{(me) => <DashboardScreen key={me.openid} me={me} params={params} />}</IdentityGate>
    </Page>
  )
}
