import IdentityGate from '@/components/IdentityGate'
import Page from '@/components/Page'
import { usePageParams } from '@/hooks/usePageParams'
import VisitForm from '@/packages/visits/components/VisitForm'
import '../components/visits.scss'

/** 记录走访 (?id=, &returnFor= a demand for a 回访, &secretary=1 for 书记敲门). */
export default function VisitPage() {
  const { id = '', returnFor = '', secretary = '' } = usePageParams()
  return (
    <Page>
      <IdentityGate>{(me) => <VisitForm key={me.openid} id={id} returnFor={returnFor} secretary={secretary === '1'} />}</IdentityGate>
    </Page>
  )
}
