import type { Me } from '@/types/domain'

import IdentityGate from '../../components/IdentityGate'
import Page from '../../components/Page'
import RoleEmptyList from '../../components/RoleEmptyList'
import TabHeader from '../../components/TabHeader'
import type { EmptyLine } from '../../domain/roles'
import './index.scss'

/** What this tab will list for each role, shown as empty states until the dispatch function ships. */
const LINES: EmptyLine[] = [
  { roles: ['admin'], title: '暂无全县派单数据', description: '各社区的派单进度和响应率、解决率、满意率会在这里。' },
  {
    roles: ['secretary', 'staff', 'gridWorker'],
    title: '暂无待分派的诉求',
    description: '本社区居民提交的诉求会在这里，由您分派给结对单位或在社区内办理。',
  },
  { roles: ['liaison'], title: '暂无待接的派单', description: '社区派给本单位的任务会在这里，接单后可安排党员认领。' },
  { roles: ['member'], title: '暂无可认领的任务', description: '本单位接下的派单会在这里，认领后按时办结。' },
  { roles: ['resident'], title: '暂无诉求', description: '您提交的诉求和微心愿会在这里，可随时查看办理进度。' },
]

function DispatchHome({ me }: { me: Me }) {
  return (
    <>
      <TabHeader title='派单' me={me} />
      {/* Lists from the dispatch function (待分派 / 待接单 / 可认领 / 我的诉求) go here. */}
      <RoleEmptyList className='jl-dispatch__list' me={me} lines={LINES} />
    </>
  )
}

export default function DispatchPage() {
  return (
    <Page>
      <IdentityGate>{(me) => <DispatchHome me={me} />}</IdentityGate>
    </Page>
  )
}
