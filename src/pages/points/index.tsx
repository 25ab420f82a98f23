import type { Me } from '@/types/domain'

import IdentityGate from '../../components/IdentityGate'
import Page from '../../components/Page'
import RoleEmptyList from '../../components/RoleEmptyList'
import TabHeader from '../../components/TabHeader'
import type { EmptyLine } from '../../domain/roles'
import './index.scss'

/** What this tab will list for each role, shown as empty states until the points function ships. */
const LINES: EmptyLine[] = [
  { roles: ['admin'], title: '暂无积分数据', description: '积分规则、兑换目录和全县积分排行会在这里。' },
  {
    roles: ['secretary', 'staff', 'gridWorker'],
    title: '暂无待审核的服务时长',
    description: '党员和志愿者申报的服务时长、待核销的兑换会在这里。',
  },
  { roles: ['liaison'], title: '暂无本单位积分数据', description: '本单位党员的服务时长和积分排行会在这里。' },
  {
    roles: ['member'],
    title: '暂无积分明细',
    description: '经验收的服务时长会计入志愿积分；积分明细和年度服务时长进度会在这里。',
  },
  { roles: ['resident'], title: '暂无积分', description: '参加志愿服务获得的积分会在这里，可兑换服务或物品。', fallback: true },
]

function PointsHome({ me }: { me: Me }) {
  return (
    <>
      <TabHeader title='积分' me={me} />
      {/* Ledger, balance, hour target and catalogue from the points function go here. */}
      <RoleEmptyList className='jl-points__list' me={me} lines={LINES} />
    </>
  )
}

export default function PointsPage() {
  return (
    <Page>
      <IdentityGate>{(me) => <PointsHome me={me} />}</IdentityGate>
    </Page>
  )
}
