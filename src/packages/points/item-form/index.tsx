import IdentityGate from '@/components/IdentityGate'
import Page from '@/components/Page'
import { EmptyState } from '@/components/States'
import { liaisonUnit, workerCommunity } from '@/domain/points'
import ItemForm from '@/packages/points/components/ItemForm'
import '../components/points.scss'

/** 上架兑换物品: for community staff (their community's catalogue) or a unit's liaison (their unit's). */
export default function ItemFormPage() {
  return (
    <Page>
      <IdentityGate>
        {(me) => {
          const communityId = workerCommunity(me)
          const unitId = liaisonUnit(me)
          if (communityId) return <ItemForm key={me.openid} owner={{ scope: 'community', id: communityId, label: me.community?._id === communityId ? me.community.name : '本社区' }} />
          if (unitId) return <ItemForm key={me.openid} owner={{ scope: 'unit', id: unitId, label: me.unit?._id === unitId ? me.unit.name : '本单位' }} />
          return <EmptyState title='只有社区工作者和单位联络员可以上架' description='兑换目录由社区或结对单位提供。' />
        }}
      </IdentityGate>
    </Page>
  )
}
