import IdentityGate from '@/components/IdentityGate'
import Page from '@/components/Page'
import OverviewScreen from '@/packages/visits/components/OverviewScreen'
import '../components/visits.scss'

/** 社区走访概况: coverage, overdue, visits per visitor, key households and pairing. */
export default function OverviewPage() {
  return (
    <Page>
      <IdentityGate>{(me) => <OverviewScreen key={me.openid} me={me} />}</IdentityGate>
    </Page>
  )
}
