import type { Me } from '@/types/domain'

import IdentityGate from '../../components/IdentityGate'
import Page from '../../components/Page'
import RoleEmptyList from '../../components/RoleEmptyList'
import TabHeader from '../../components/TabHeader'
import type { EmptyLine } from '../../domain/roles'
import './index.scss'

/** What this tab will list for each role, shown as empty states until the visits function ships. */
const LINES: EmptyLine[] = [
  { roles: ['admin'], title: '暂无走访统计', description: '全县敲门行动的走访情况和超期未访会在这里。' },
  { roles: ['secretary'], title: '暂无书记敲门安排', description: '书记敲门走访和回访会在这里。' },
  {
    roles: ['staff'],
    title: '暂无重点户走访安排',
    description: '本社区的重点户、包挂关系和超期未访会在这里。',
  },
  {
    roles: ['gridWorker', 'member'],
    title: '暂无包挂的重点户',
    description: '与您结对的重点户和到期的走访会在这里。',
  },
  {
    roles: ['resident', 'liaison'],
    fallback: true,
    title: '敲门行动由党员和网格员开展',
    description: '如需上门帮助，可在「派单」页提交诉求，社区会安排人员联系您。',
  },
]

function VisitsHome({ me }: { me: Me }) {
  return (
    <>
      <TabHeader title='敲门' me={me} />
      {/* Due and overdue visits, pairings and visit records from the visits function go here. */}
      <RoleEmptyList className='jl-visits__list' me={me} lines={LINES} />
    </>
  )
}

export default function VisitsPage() {
  return (
    <Page>
      <IdentityGate>{(me) => <VisitsHome me={me} />}</IdentityGate>
    </Page>
  )
}
