import IdentityGate from '@/components/IdentityGate'
import Page from '@/components/Page'
import ScorecardScreen from '@/packages/dispatch/components/ScorecardScreen'
import '../components/dispatch.scss'

/** 三率: 响应率、解决率、满意率 by month. */
export default function ScorecardPage() {
  return (
    <Page>
      <IdentityGate>{(me) => <ScorecardScreen key={me.openid} me={me} />}</IdentityGate>
    </Page>
  )
}
