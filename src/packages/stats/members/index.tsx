import Page from '@/components/Page'
import { usePageParams } from '@/hooks/usePageParams'
import MembersScreen from '../components/MembersScreen'
import '../components/stats.scss'

/** 名单 (?scope=&id=&unitId=&period=&figure=&name=): the members one 党员 figure counts. */
export default function MembersPage() {
  const params = usePageParams()
  return (
    <Page>
      <MembersScreen params={params} />
    </Page>
  )
}
