import Page from '@/components/Page'
import AdminGate from '../components/AdminGate'
import RegionScreen from '../components/RegionScreen'
import { usePageParams } from '@/hooks/usePageParams'
import '../components/admin.scss'

/** 地区: the region tree one level at a time (`?id=` the region shown; none: the county). */
export default function RegionsPage() {
  const { id } = usePageParams()
  return (
    <Page>
      <AdminGate>{(me, scope) => <RegionScreen key={me.openid} id={id || undefined} admin={scope.admin} />}</AdminGate>
    </Page>
  )
}
