import IdentityGate from '@/components/IdentityGate'
import Page from '@/components/Page'
import PairingScreen from '@/packages/visits/components/PairingScreen'
import { usePageParams } from '@/hooks/usePageParams'
import '../components/visits.scss'

/** 安排包挂 (?id=). */
export default function PairingPage() {
  const { id = '' } = usePageParams()
  return (
    <Page>
      <IdentityGate>{(me) => <PairingScreen key={me.openid} id={id} />}</IdentityGate>
    </Page>
  )
}
