import Page from '@/components/Page'
import AdminGate from '../components/AdminGate'
import UnitScreen from '../components/UnitScreen'
import '../components/admin.scss'

/** 单位: the county's units with their paired communities; add, edit, archive, pair and unpair. */
export default function UnitsPage() {
  return (
    <Page>
      <AdminGate adminOnly>{(me) => <UnitScreen key={me.openid} />}</AdminGate>
    </Page>
  )
}
