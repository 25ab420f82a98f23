/**
 * 统计看板: whose dashboards a person may open, the words of each figure, and the routes of the
 * stats subpackage. Who may read is decided on the server; this only offers the entrances.
 */
import type { Me } from '@/types/domain'
import type { DashboardScope, MemberFigureKey, PointsFigureKey, RateKey, StatsFigure } from '@/types/stats'

export interface DashboardTarget {
  scope: DashboardScope
  id: string
  /** A short title for the chooser; the dashboard shows the real name. */
  title: string
}

/** The admin's county, a town official's towns, a staff member's communities, a liaison's units. */
export function dashboardTargets(me: Me): DashboardTarget[] {
  const out: DashboardTarget[] = []
  const seen = new Set<string>()
  const add = (t: DashboardTarget) => {
    if (seen.has(`${t.scope}:${t.id}`)) return
    seen.add(`${t.scope}:${t.id}`)
    out.push(t)
  }
  for (const g of me.roles) {
    if (g.role === 'admin') add({ scope: 'county', id: '', title: '全县' })
    else if (g.role === 'town' && g.townId) add({ scope: 'town', id: g.townId, title: '本镇街' })
    else if ((g.role === 'staff' || g.role === 'gridWorker' || g.role === 'secretary') && g.communityId) {
      add({ scope: 'community', id: g.communityId, title: me.community?._id === g.communityId ? me.community.name : '本社区' })
    } else if (g.role === 'liaison' && g.unitId) add({ scope: 'unit', id: g.unitId, title: me.unit?._id === g.unitId ? me.unit.name : '本单位' })
  }
  return out
}

export const RATE_LABEL: Record<RateKey, string> = { responseRate: '响应率', resolutionRate: '解决率', satisfactionRate: '满意率' }

export const FIGURE_LABEL: Record<StatsFigure, string> = {
  dispatched: '派单',
  acceptedWithinSla: '按时接单',
  resolved: '已解决',
  openOverdue: '超期未解决',
  rated: '已评价',
  satisfiedOrBasic: '满意和基本满意',
  extended: '同意延期',
  received: '诉求量',
}

/** Each rate: its numerator and its denominator's parts, as figures that open their items. */
export const RATE_PARTS: Record<RateKey, { num: StatsFigure; den: StatsFigure[]; formula: string }> = {
  responseRate: { num: 'acceptedWithinSla', den: ['dispatched'], formula: '按时接单 ÷ 派单' },
  resolutionRate: { num: 'resolved', den: ['resolved', 'openOverdue'], formula: '已解决 ÷（已解决 + 超期未解决）' },
  satisfactionRate: { num: 'satisfiedOrBasic', den: ['rated'], formula: '（满意 + 基本满意）÷ 已评价' },
}

export const formatPeriod = (period: string): string => (period.length === 4 ? `${period}年` : `${period.slice(0, 4)}年${Number(period.slice(5))}月`)

const SUB = '/packages/stats'
const query = (params: Record<string, string | undefined>) =>
  Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v!)}`)
    .join('&')

export const STATS_ROUTES = {
  dashboard: (t?: { scope: DashboardScope; id?: string; period?: string }) => (t ? `${SUB}/dashboard/index?${query({ scope: t.scope, id: t.id, period: t.period })}` : `${SUB}/dashboard/index`),
  items: (p: { scope: 'community' | 'unit'; id: string; unitId?: string; estateId?: string; period: string; figure: StatsFigure; category?: string; name: string }) =>
    `${SUB}/items/index?${query(p)}`,
  /** The members a 党员 figure counts (未达标, 未报到 …). */
  members: (p: { scope: DashboardScope; id?: string; unitId?: string; period: string; figure: MemberFigureKey; name: string }) => `${SUB}/members/index?${query(p)}`,
  /** The people behind a 志愿积分 figure (a community's or unit's points earned or redeemed). */
  points: (p: { scope: 'community' | 'unit'; id: string; period: string; figure: PointsFigureKey; name: string }) => `${SUB}/points/index?${query(p)}`,
  /** A community's overdue key households. */
  households: (p: { communityId: string; name: string }) => `${SUB}/households/index?${query(p)}`,
}

export const MEMBER_FIGURE_LABEL: Record<MemberFigureKey, string> = {
  members: '党员',
  atTarget: '时长达标',
  behind: '时长未达标',
  reported: '已双报到',
  notReported: '未双报到',
}

/** The month a period's month figures are for: the month itself, or a year's last month up to now. */
export function monthOfPeriod(period: string, thisMonth: string): string {
  if (period.length === 7) return period
  return period === thisMonth.slice(0, 4) ? thisMonth : `${period}-12`
}

/** A page param of the dashboards' links, decoded (a malformed one is taken as it came). */
export function decodeParam(v: string | undefined): string {
  try {
    return v ? decodeURIComponent(v) : ''
  } catch {
    return v ?? ''
  }
}

export const POINTS_FIGURE_LABEL: Record<PointsFigureKey, string> = { earned: '获得积分', redeemed: '兑换积分' }

/**
 * Who a 志愿积分 figure counts, for its list's heading: not only 党员. A community's points are
 * everyone's who served there (residents who volunteer too), its 兑换 everyone's who lives there;
 * a unit's are its members' and liaisons'.
 */
export function pointsAudience(scope: 'community' | 'unit', figure: PointsFigureKey): string {
  if (scope === 'unit') return figure === 'earned' ? '在本单位的党员和联络员获得的积分（按服务时所在单位计）' : '在本单位的党员和联络员兑换的积分（退回的已扣除）'
  return figure === 'earned' ? '在本社区服务获得的积分：含党员，也含参加志愿服务的居民' : '居住在本社区的人兑换的积分：含党员和居民（退回的已扣除）'
}
