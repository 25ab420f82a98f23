/**
 * 共建项目 in the field's words: status labels and tones, what each button says, the routes of the
 * projects subpackage, and which lists each role sees. Pure: no Taro, no network.
 */
import type { Me, Role } from '@/types/domain'
import type { Rating } from '@/types/dispatch'
import type { ProjectEvent, ProjectStatus, ServiceKind } from '@/types/projects'

import { PROJECT_STATUS_LABEL } from '@/types/labels'

import type { Tone } from './tone'

export const PROJECT_LABEL = PROJECT_STATUS_LABEL
export const PROJECT_TONE: Record<ProjectStatus, Tone> = {
  open: 'info',
  withdrawn: 'neutral',
  requested: 'warning',
  declined: 'neutral',
  active: 'info',
  completed: 'warning',
  rated: 'success',
}

export const PROJECT_ACTION_LABEL: Record<ProjectEvent, string> = {
  claim: '认领这个项目',
  withdraw: '撤回需求',
  accept: '接受申请',
  decline: '婉拒',
  join: '我要参与',
  progress: '登记进展',
  complete: '登记完成',
  rate: '评实效',
}

export const SERVICE_KIND_LABEL: Record<ServiceKind, string> = { service: '服务', resource: '资源' }
export const RATING_LABEL: Record<Rating, string> = { satisfied: '满意', basic: '基本满意', unsatisfied: '不满意' }

/** A project changed on one page: lists elsewhere read again. */
export const PROJECT_CHANGED = 'projects:changed'

const SUB = '/packages/projects'
const q = encodeURIComponent
export const PROJECT_ROUTES = {
  index: `${SUB}/index/index`,
  detail: (id: string) => `${SUB}/detail/index?id=${q(id)}`,
  publishNeed: (communityId: string) => `${SUB}/publish/index?kind=need&communityId=${q(communityId)}`,
  publishService: (unitId: string) => `${SUB}/publish/index?kind=service&unitId=${q(unitId)}`,
  request: (serviceId: string, communityId: string, title: string) => `${SUB}/publish/index?kind=request&serviceId=${q(serviceId)}&communityId=${q(communityId)}&title=${q(title)}`,
  plan: (unitId: string, communityId: string, year: string, name: string) => `${SUB}/plan/index?unitId=${q(unitId)}&communityId=${q(communityId)}&year=${q(year)}&name=${q(name)}`,
}

const grants = (me: Me, ...roles: Role[]) => me.roles.filter((g) => roles.includes(g.role))

/** The community this person works for as staff, grid worker or secretary. */
export const staffCommunityOf = (me: Me): string | null => grants(me, 'staff', 'gridWorker', 'secretary').find((g) => g.communityId)?.communityId ?? null
/** The unit this person is the liaison of. */
export const liaisonUnitOf = (me: Me): string | null => grants(me, 'liaison').find((g) => g.unitId)?.unitId ?? null
/** The unit this person is a member of. */
export const memberUnitOf = (me: Me): string | null => grants(me, 'member').find((g) => g.unitId)?.unitId ?? null

/** The period as people say it: 「2026年11月1日 至 12月31日」. */
export function periodLine(p: { from: string; to: string }): string {
  const [fy, fm, fd] = p.from.split('-').map(Number)
  const [ty, tm, td] = p.to.split('-').map(Number)
  return `${fy}年${fm}月${fd}日 至 ${ty === fy ? '' : `${ty}年`}${tm}月${td}日`
}

/** The lists on the 共建项目 page, for this person, in the order they are most needed. */
export type ProjectTab = 'needs' | 'claimable' | 'unit' | 'mine' | 'services' | 'unitServices' | 'plan'
export function projectTabsFor(me: Me): { key: ProjectTab; title: string }[] {
  const tabs: { key: ProjectTab; title: string }[] = []
  if (staffCommunityOf(me)) tabs.push({ key: 'needs', title: '需求清单' }, { key: 'services', title: '结对单位服务' })
  if (liaisonUnitOf(me)) tabs.push({ key: 'claimable', title: '可认领需求' }, { key: 'unit', title: '本单位项目' }, { key: 'unitServices', title: '服务清单' })
  else if (memberUnitOf(me)) tabs.push({ key: 'unit', title: '本单位项目' }, { key: 'mine', title: '我参与的' })
  if (!tabs.length && me.community) tabs.push({ key: 'needs', title: '本社区项目' })
  if (tabs.length) tabs.push({ key: 'plan', title: '共建计划' })
  return tabs
}
