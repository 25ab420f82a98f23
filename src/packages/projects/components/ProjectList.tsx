import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'

import type { ProjectListScope, ProjectStatus } from '@/types/projects'

import PagedList, { countIn, PAGE_SIZE } from '@/components/PagedList'
import { useChanged } from '@/hooks/useLoad'
import { PROJECT_CHANGED, PROJECT_ROUTES } from '@/domain/projects'
import { call } from '@/services/api'
import { tappable } from '@/utils/a11y'
import ProjectFacts from './ProjectFacts'

/** A paged list of projects; a tap opens one. Read again when a step elsewhere changed one. */
export default function ProjectList({
  scope,
  communityId,
  unitId,
  year,
  status,
  emptyTitle,
  emptyDescription,
}: {
  scope: ProjectListScope
  communityId?: string
  unitId?: string
  year?: string
  status?: ProjectStatus
  emptyTitle: string
  emptyDescription: string
}) {
  const version = useChanged(PROJECT_CHANGED)
  const req = { scope, ...(communityId ? { communityId } : {}), ...(unitId ? { unitId } : {}), ...(year ? { year } : {}), ...(status ? { status } : {}) }
  return (
    <PagedList
      listKey={`projects:${JSON.stringify(req)}`}
      version={version}
      fetchPage={(page) => call('projects', 'list', { ...req, page, pageSize: PAGE_SIZE })}
      idOf={(p) => p._id}
      emptyTitle={emptyTitle}
      emptyDescription={emptyDescription}
      count={countIn('个项目')}
      render={(p) => (
        <View key={`${p._id}:${p.status}`} className='jl-card' {...tappable(`${p.title}，查看项目`)} onClick={() => void Taro.navigateTo({ url: PROJECT_ROUTES.detail(p._id) })}>
          <ProjectFacts p={p} />
        </View>
      )}
    />
  )
}
