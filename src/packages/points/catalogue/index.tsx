
import IdentityGate from '@/components/IdentityGate'
import Page from '@/components/Page'
import { ManageScreen, RedeemScreen } from '@/packages/points/components/CatalogueScreen'
import { useTitle } from '@/packages/points/components/useTitle'
import { usePageParams } from '@/hooks/usePageParams'
import 'taro-ui/lib/style/components/button.scss'
import '../components/points.scss'

/** 积分兑换 (redeem), or with ?manage=1 兑换目录管理 for those who manage items. */
export default function CataloguePage() {
  const manage = usePageParams().manage === '1'
  useTitle(manage ? '兑换目录管理' : null)
  return (
    <Page>
      <IdentityGate>{(me) => (manage ? <ManageScreen key={me.openid} me={me} /> : <RedeemScreen key={me.openid} />)}</IdentityGate>
    </Page>
  )
}
