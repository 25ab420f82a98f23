import IdentityGate from '@/components/IdentityGate'
import Page from '@/components/Page'
import KeyForm from '@/packages/visits/components/KeyForm'
import { usePageParams } from '@/hooks/usePageParams'
import '../components/visits.scss'

/** 标记重点户, or with ?id= 修改重点户信息. */
export default function KeyPage() {
  const { id = '' } = usePageParams()
  return (
    <Page>
      <IdentityGate>{(me) => <KeyForm key={me.openid} me={me} id={id} />}</IdentityGate>
    </Page>
  )
}
