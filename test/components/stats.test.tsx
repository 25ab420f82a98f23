import Taro from '@tarojs/taro'

import type { MemberDashboard, PointsDrillPage, PointsPerson } from '@/types/stats'

import Page from '../../src/components/Page'
import PeopleSections from '../../src/packages/stats/components/PeopleSections'
import PointsScreen from '../../src/packages/stats/components/PointsScreen'
import { SessionProvider } from '../../src/store/session'
import { makeMe } from './fixtures'
import { answer, button, callMock, eachTestAs, text, waitFor } from './helpers'

jest.mock('../../src/services/api', () => {
  const actual = jest.requireActual('../../src/services/api')
  return { ...actual, call: jest.fn(), listDevUsers: jest.fn() }
})

const admin = makeMe({ openid: 'demo-admin', name: '林海', roles: [{ role: 'admin' }] })
const utils = eachTestAs(admin.openid)

const DASHBOARD: MemberDashboard = {
  scope: 'county',
  id: 'county',
  name: '示范县',
  period: '2025-10',
  hourTarget: 20,
  month: '2025-10',
  year: '2025',
  hoursTotal: { members: 2, atTarget: 1, behind: 1, hours: 25, rate: 0.5 },
  hours: [],
  checkInTotal: { month: '2025-10', members: 2, reported: 1, rate: 0.5 },
  checkIns: [],
  checkInMonths: [{ month: '2025-10', members: 2, reported: 1, rate: 0.5 }],
  points: [
    { scope: 'community', id: 'c-dongjie', name: '东街社区', earnedMonth: 65, redeemedMonth: 0, earnedYear: 175, redeemedYear: 20 },
    { scope: 'unit', id: 'unit-renshe', name: '县人社局', earnedMonth: 95, redeemedMonth: 20, earnedYear: 145, redeemedYear: 40 },
  ],
}

const person = (i: number, overrides: Partial<PointsPerson> = {}): PointsPerson => ({ openid: `p-${i}`, name: `志愿者${i}`, points: 100 - i, hours: 1, member: i % 2 === 0, ...overrides })

describe('志愿积分 on the dashboard', () => {
  it('each figure but a zero opens the people behind it, for its own month or year', async () => {
    answer({ 'org.me': () => admin, 'stats.members': () => DASHBOARD })
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never)
    await utils().mount(() => (
      <SessionProvider>
        <Page>
          <PeopleSections scope='county' id='' period='2025-10' />
        </Page>
      </SessionProvider>
    ))
    await utils().queries.waitForQuerySelector('[data-testid="points-row"]')
    const links = [...document.querySelectorAll('[data-testid="points-row"] .jl-figure--link')].map((l) => l.getAttribute('aria-label'))
    expect(links).toEqual([
      '东街社区 10月获得 65 分，查看名单',
      '东街社区 2025年获得 175 分，查看名单',
      '东街社区 2025年兑换 20 分，查看名单',
      '县人社局 10月获得 95 分，查看名单',
      '县人社局 10月兑换 20 分，查看名单',
      '县人社局 2025年获得 145 分，查看名单',
      '县人社局 2025年兑换 40 分，查看名单',
    ])
    // 东街's October 兑换 is 0: text, not a link.
    expect(text(document.querySelector('[data-testid="points-row"]'))).toContain('兑换 0 分')
    utils().fireEvent.click(document.querySelector('[aria-label="东街社区 2025年兑换 20 分，查看名单"]')!)
    expect(navigate).toHaveBeenCalledWith({ url: `/packages/stats/points/index?scope=community&id=c-dongjie&period=2025&figure=redeemed&name=${encodeURIComponent('东街社区')}` })
    expect(text(document.body)).toContain('社区的积分含参加志愿服务的居民，不只党员')
  })
})

describe('积分名单', () => {
  const pages: Record<number, PointsDrillPage> = {
    1: { figure: 'earned', period: '2025', sum: 1890, total: 21, page: 1, pageSize: 20, items: Array.from({ length: 20 }, (_x, i) => person(i)) },
    2: { figure: 'earned', period: '2025', sum: 1890, total: 21, page: 2, pageSize: 20, items: [person(20, { points: 80 })] },
  }

  const mount = (params: Record<string, string>) =>
    utils().mount(() => (
      <SessionProvider>
        <Page>
          <PointsScreen params={params} />
        </Page>
      </SessionProvider>
    ))

  it('says whom the figure counts, adds up to it, and lists everyone most points first, members or not', async () => {
    answer({ 'org.me': () => admin, 'stats.pointItems': (p) => pages[(p as { page: number }).page] })
    await mount({ scope: 'community', id: 'c-dongjie', period: '2025', figure: 'earned', name: encodeURIComponent('东街社区') })
    await utils().queries.waitForQuerySelector('[data-testid="points-person"]')
    expect(text(document.querySelector('.jl-section__title'))).toBe('东街社区 · 2025年 · 获得积分')
    expect(text(document.querySelector('[data-testid="points-audience"]'))).toBe('在本社区服务获得的积分：含党员，也含参加志愿服务的居民')
    expect(text(document.querySelector('[data-testid="points-sum"]'))).toBe('合计 1890 分，21 人')
    expect(callMock).toHaveBeenCalledWith('stats', 'pointItems', { scope: 'community', id: 'c-dongjie', period: '2025', figure: 'earned', page: 1, pageSize: 20 })
    const rows = () => [...document.querySelectorAll('[data-testid="points-person"]')].map(text)
    expect(rows()[0]).toBe('志愿者0党员获得 100 分 · 服务 1 小时')
    expect(rows()[1]).toBe('志愿者1非党员获得 99 分 · 服务 1 小时')
    utils().fireEvent.click(button('加载更多'))
    await waitFor(() => expect(rows()).toHaveLength(21))
    expect(text(document.body)).toContain('共 21 人')
  })

  it('a unit’s 兑换: its members and liaisons, net of refunds', async () => {
    answer({ 'org.me': () => admin, 'stats.pointItems': () => ({ figure: 'redeemed', period: '2025-10', sum: 20, total: 1, page: 1, pageSize: 20, items: [person(1, { points: 20, member: true })] }) })
    await mount({ scope: 'unit', id: 'unit-renshe', period: '2025-10', figure: 'redeemed', name: encodeURIComponent('县人社局') })
    await utils().queries.waitForQuerySelector('[data-testid="points-person"]')
    expect(text(document.querySelector('.jl-section__title'))).toBe('县人社局 · 2025年10月 · 兑换积分')
    expect(text(document.querySelector('[data-testid="points-audience"]'))).toBe('在本单位的党员和联络员兑换的积分（退回的已扣除）')
    expect(text(document.querySelector('[data-testid="points-person"]'))).toBe('志愿者1党员兑换 20 分')
    expect(text(document.querySelector('[data-testid="points-sum"]'))).toBe('合计 20 分，1 人')
  })
})
