import IdentityGate from '@/components/IdentityGate'
import Page from '@/components/Page'
import ReadsScreen from '@/packages/visits/components/ReadsScreen'
import { usePageParams } from '@/hooks/usePageParams'
import '../components/visits.scss'

/** 敏感信息查阅记录 (the secretary's); with ?id= one household's. */
export default function ReadsPage() {
  const { id = '' } = usePageParams()
  return (
    <Page>
      <IdentityGate>{(me) => <ReadsScreen key={me.openid} me={me} householdId={id} />}</IdentityGate>
    </Page>
  )
}
