import type { Me } from '@/types/domain'

import type { LinkItem } from '@/components/LinkList'
import { isCommunityWorker, isLiaison, isMember, isPointsAdmin, POINTS_ROUTES as R } from '@/domain/points'
import { PROJECT_ROUTES } from '@/domain/projects'
import { liaisonUnitOf, POST_ROUTES } from '@/domain/posts'
import { WISH_ROUTES } from '@/domain/wishes'

/** A group of entrances on the 积分 tab, for one kind of work. */
export interface EntranceGroup {
  title: string
  items: LinkItem[]
}

/**
 * The caller's entrances: `work` for community staff, a unit's liaison, the county (shown first),
 * and `own` — their own activities, catalogue, redemptions and boards.
 */
export function entrancesFor(me: Me): { work: EntranceGroup[]; own: EntranceGroup } {
  const groups: EntranceGroup[] = []
  if (isCommunityWorker(me)) {
    groups.push({
      title: '社区工作',
      items: [
        { title: '志愿活动与时长核定', subtitle: '发布活动、看签到签退、补记签退、核定时长', url: R.activities('managed') },
        { title: '核销兑换', subtitle: '居民出示兑换码，输入后核销', url: R.fulfil },
        { title: '待核销的兑换', subtitle: '本社区兑换目录的全部兑换', url: R.redemptions(true) },
        { title: '兑换目录管理', subtitle: '上架物品和服务、补充库存、下架', url: R.catalogue(true) },
        { title: '双报到情况', subtitle: '住在本社区的在职党员每月报到', url: R.compliance },
        { title: '微心愿审核', subtitle: '居民的心愿审核上墙，代居民发布心愿', url: WISH_ROUTES.review },
        { title: '共建项目', subtitle: '发布需求清单，申请结对单位的服务，评实效，看共建计划', url: PROJECT_ROUTES.index },
        { title: '设岗定责', subtitle: '设立服务岗位和党员责任区，看认领情况', url: POST_ROUTES.list },
        { title: '服务记录验收', subtitle: '党员在岗位上服务的时长，验收后计入积分', url: POST_ROUTES.review },
        { title: '登记协助解决难题', subtitle: '住在本社区的党员协助解决了难题，计入年度任务', url: POST_ROUTES.problem },
        { title: '党员承诺评诺', subtitle: '住在本社区的党员践诺后，社区评诺', url: POST_ROUTES.rate },
        { title: '居民积分', subtitle: '查看本社区居民、党员的积分明细，奖励积分或更正冲销', url: R.people },
      ],
    })
  }
  if (isLiaison(me)) {
    groups.push({
      title: '本单位',
      items: [
        { title: '本单位双报到', subtitle: '本单位党员每月到居住社区报到的情况', url: R.compliance },
        ...(liaisonUnitOf(me) ? [{ title: '本单位年度任务', subtitle: '每位党员的服务时长、报到、调研、难题，落后的排在前面', url: POST_ROUTES.unitDuties(liaisonUnitOf(me)!) }] : []),
        { title: '本单位兑换目录', subtitle: '本单位提供的服务和物品', url: R.catalogue(true) },
        { title: '核销兑换', subtitle: '输入兑换码核销本单位的兑换', url: R.fulfil },
        { title: '共建项目', subtitle: '认领结对社区的需求，发布服务清单，看共建计划', url: PROJECT_ROUTES.index },
      ],
    })
  }
  if (isPointsAdmin(me)) {
    groups.push({
      title: '全县',
      items: [
        { title: '积分对账', subtitle: '从积分明细重新计算每个账户，核对差异', url: R.reconcile },
        { title: '积分规则', subtitle: '每小时积分、双报到积分、每天每月上限、年度时长目标', url: R.rules },
        { title: '兑换目录管理', subtitle: '全县各社区、各单位的兑换目录', url: R.catalogue(true) },
      ],
    })
  }
  const board: LinkItem = { title: '积分排行', subtitle: '本社区、本单位的月度和年度排行', url: R.leaderboard }
  const rules: LinkItem = { title: '积分规则', subtitle: '怎样获得积分，每天每月的上限', url: R.rules }
  if (!showsOwnAccount(me)) return { work: groups, own: { title: '更多', items: [board] } }
  const own: LinkItem[] = [
    { title: '志愿活动', subtitle: '报名参加，到场签到签退，核定后计入积分', url: R.activities() },
    { title: '微心愿墙', subtitle: '认领困难群众的小心愿，送达后获得积分；也可以发布自己的心愿', url: WISH_ROUTES.wall },
    { title: '党员承诺', subtitle: '评价住在本社区的党员践诺的情况', url: POST_ROUTES.rate },
    { title: '积分兑换', subtitle: '用积分兑换服务或物品', url: R.catalogue() },
    { title: '我的兑换', subtitle: '兑换码和核销情况', url: R.redemptions() },
  ]
  if (isMember(me) && !isLiaison(me)) own.push({ title: '共建项目', subtitle: '参与本单位认领的项目，登记进展', url: PROJECT_ROUTES.index })
  if (isMember(me)) {
    own.push(
      { title: '岗位与责任区', subtitle: '认领服务岗位或责任区（认岗位），服务后登记时长', url: POST_ROUTES.list },
      { title: '我的岗位', subtitle: '登记岗位服务，看验收情况', url: POST_ROUTES.mine },
      { title: '我的承诺', subtitle: '承诺、践诺，看社区和居民的评价', url: POST_ROUTES.pledges },
      { title: '我的年度任务', subtitle: '服务时长、每月报到、每季度调研、协助解决难题', url: POST_ROUTES.duties },
      { title: '我的双认双评', subtitle: '年度服务、报到、组织评价和居民评价', url: R.member() },
    )
  }
  return { work: groups, own: { title: '我的', items: [...own, board, ...(isPointsAdmin(me) ? [] : [rules])] } }
}

/** Whether 我的积分 is shown: everyone who can earn or spend points (the county's admin alone does not). */
export function showsOwnAccount(me: Me): boolean {
  return !isPointsAdmin(me) || me.roles.some((g) => g.role !== 'admin')
}
