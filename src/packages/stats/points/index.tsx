import Page from '@/components/Page'
import { usePageParams } from '@/hooks/usePageParams'
import PointsScreen from '../components/PointsScreen'
import '../components/stats.scss'

/** 积分名单 (?scope=&id=&period=&figure=&name=): the people behind one 志愿积分 figure. */
export default function PointsPage() {
  const params = usePageParams()
  return (
    <Page>
      <PointsScreen params={params} />
    </Page>
  )
}
