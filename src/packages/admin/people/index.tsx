import Page from '@/components/Page'
import AdminGate from '../components/AdminGate'
import PeopleScreen from '../components/PeopleScreen'
import '../components/admin.scss'

/** 人员: find people by name or phone; see their roles with scope; grant or revoke what the server allows. */
export default function PeoplePage() {
  return (
    <Page>
      <AdminGate>{(me) => <PeopleScreen key={me.openid} />}</AdminGate>
    </Page>
  )
}
