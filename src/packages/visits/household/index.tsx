import IdentityGate from '@/components/IdentityGate'
import Page from '@/components/Page'
import { isCommunityWorker, secretaryCommunities } from '@/domain/visits'
import HouseholdScreen from '@/packages/visits/components/HouseholdScreen'
import { usePageParams } from '@/hooks/usePageParams'
import '../components/visits.scss'

/** 重点户详情 (?id=). */
export default function HouseholdPage() {
  const { id = '' } = usePageParams()
  return (
    <Page>
      <IdentityGate>{(me) => <HouseholdScreen key={me.openid} id={id} staff={isCommunityWorker(me)} secretaryOf={secretaryCommunities(me)} />}</IdentityGate>
    </Page>
  )
}
