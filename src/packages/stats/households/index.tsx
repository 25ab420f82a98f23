import Page from '@/components/Page'
import { usePageParams } from '@/hooks/usePageParams'
import HouseholdsScreen from '../components/HouseholdsScreen'
import '../components/stats.scss'

/** 超期重点户 (?communityId=&name=): a community's overdue key households. */
export default function HouseholdsPage() {
  const params = usePageParams()
  return (
    <Page>
      <HouseholdsScreen params={params} />
    </Page>
  )
}
