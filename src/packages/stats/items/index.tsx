import Page from '@/components/Page'
import { usePageParams } from '@/hooks/usePageParams'
import ItemsScreen from '../components/ItemsScreen'
import '../components/stats.scss'

/** 明细 (?scope=&id=&unitId=&period=&figure=&category=&name=): the items one figure counts. */
export default function ItemsPage() {
  const params = usePageParams()
  return (
    <Page>
      <ItemsScreen params={params} />
    </Page>
  )
}
