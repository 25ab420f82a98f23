import Page from '@/components/Page'
import AdminGate from '../components/AdminGate'
import PosterScreen from '../components/PosterScreen'
import '../components/admin.scss'

/** 楼栋码: a community's sheet of building QR codes to print and post in the stairwells. */
export default function PosterPage() {
  return (
    <Page>
      <AdminGate>{(me, scope) => <PosterScreen key={me.openid} communityId={scope.communityId} />}</AdminGate>
    </Page>
  )
}
