import TestUtils from '@tarojs/test-utils-react'
import Taro from '@tarojs/taro'

import type { Compliance, Leaderboard, RedemptionView } from '@/types/points'

import { SessionProvider } from '../../src/store/session'
import Page from '../../src/components/Page'
import ActivityForm from '../../src/packages/points/components/ActivityForm'
import CompliancePage from '../../src/packages/points/compliance'
import FulfilPage from '../../src/packages/points/fulfil'
import LeaderboardPage from '../../src/packages/points/leaderboard'
import PersonPage from '../../src/packages/points/person'
import RulesPage from '../../src/packages/points/rules'
import * as api from '../../src/services/api'
import { makeMe } from './fixtures'

jest.mock('../../src/services/api', () => {
  const actual = jest.requireActual('../../src/services/api')
  return { ...actual, call: jest.fn(), listDevUsers: jest.fn() }
})

const callMock = api.call as jest.MockedFunction<typeof api.call>
const MODAL_OK = { confirm: true, cancel: false, errMsg: 'showModal:ok', content: '' }

const text = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim()

function answer(table: Record<string, (payload: unknown) => unknown>) {
  callMock.mockImplementation(((fn: string, action: string, payload: unknown) => {
    const key = `${fn}.${action}`
    if (!(key in table)) return Promise.reject(new Error(`unexpected call ${key}`))
    try {
      return Promise.resolve(table[key](payload))
    } catch (e) {
      return Promise.reject(e)
    }
  }) as typeof api.call)
}

async function waitFor(assertion: () => void, timeout = 2000) {
  const start = Date.now()
  for (;;) {
    try {
      assertion()
      return
    } catch (e) {
      if (Date.now() - start > timeout) throw e
      await new Promise((r) => setTimeout(r, 20))
    }
  }
}

const staff = makeMe({ openid: 'demo-staff-dongjie', name: '周芳' })
const button = (label: string) => [...document.querySelectorAll('.at-button')].find((b) => text(b) === label) as Element

/** Types into a field once Taro's H5 component has drawn its native element (that can take a moment). */
async function typeInto(selector: string, value: string) {
  await waitFor(() => expect(document.querySelector(selector)).not.toBeNull(), 5000)
  const field = document.querySelector(selector) as HTMLInputElement
  field.value = value
  field.dispatchEvent(new Event('input', { bubbles: true }))
}

let testUtils: TestUtils

/** A page as the app shell renders it: inside the session. */
const mountPage = (PageComponent: () => JSX.Element) =>
  testUtils.mount(() => (
    <SessionProvider>
      <PageComponent />
    </SessionProvider>
  ))

beforeEach(() => {
  localStorage.setItem('jinlin.openid', 'demo-staff-dongjie')
  testUtils = new TestUtils()
  callMock.mockReset()
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' })
})

afterEach(() => {
  testUtils.unmout()
  document.body.innerHTML = ''
  localStorage.clear()
  jest.restoreAllMocks()
})

const pending: RedemptionView = {
  _id: 'r-1', itemId: 'i-1', itemTitle: '理发一次', owner: { scope: 'community', id: 'c-dongjie', name: '东街社区' },
  openid: 'demo-member-zhang', name: '张伟', cost: 50, code: 'AB12CD34', status: 'pending', createdAt: '2026-11-21T02:00:00.000Z',
  fulfilledAt: null, fulfilledBy: null, cancelledAt: null, cancelledBy: null, cancelReason: null, allowedActions: ['fulfil', 'cancel'],
}

describe('核销兑换', () => {
  it('looks the typed code up, shows whose it is, and fulfils only after the staff member confirms', async () => {
    answer({
      'org.me': () => staff,
      'points.lookupRedemption': () => pending,
      'points.fulfil': () => ({ ...pending, status: 'fulfilled', fulfilledAt: '2026-11-21T03:00:00.000Z', allowedActions: [] }),
    })
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValue(MODAL_OK)
    await mountPage(FulfilPage)
    await typeInto('.jl-input input', 'ab12 cd34')
    testUtils.fireEvent.click(button('查找兑换'))
    await testUtils.queries.waitForQuerySelector('.jl-card')
    expect(callMock).toHaveBeenCalledWith('points', 'lookupRedemption', { code: 'AB12CD34' })
    expect(text(testUtils.queries.querySelector('.jl-card'))).toContain('兑换人 张伟')
    expect(callMock).not.toHaveBeenCalledWith('points', 'fulfil', expect.anything())

    testUtils.fireEvent.click(button('确认核销'))
    await waitFor(() => expect(text(document.body)).toContain('已核销：张伟 的「理发一次」'))
    expect(modal.mock.calls[0][0]?.content).toContain('核销后不能撤回')
    expect(callMock).toHaveBeenCalledWith('points', 'fulfil', { code: 'AB12CD34' })
  })

  it('says why a code is refused, and asks for one when nothing was typed', async () => {
    answer({
      'org.me': () => staff,
      'points.lookupRedemption': () => {
        throw new api.ApiCallError('NOT_FOUND', '没有这个兑换码')
      },
    })
    await mountPage(FulfilPage)
    await testUtils.queries.waitForQuerySelector('.jl-input input')
    testUtils.fireEvent.click(button('查找兑换'))
    await waitFor(() => expect(text(testUtils.queries.querySelector('.jl-form-error'))).toBe('请输入兑换码'))
    expect(callMock).not.toHaveBeenCalledWith('points', 'lookupRedemption', expect.anything())
    await typeInto('.jl-input input', 'ZZZZ')
    testUtils.fireEvent.click(button('查找兑换'))
    await waitFor(() => expect(text(testUtils.queries.querySelector('.jl-form-error'))).toBe('没有这个兑换码'))
    expect(testUtils.queries.querySelector('.jl-card')).toBeNull()
  })
})

describe('发布志愿活动', () => {
  const mountForm = () =>
    testUtils.mount(() => (
      <SessionProvider>
        <Page>
          <ActivityForm />
        </Page>
      </SessionProvider>
    ))

  it('refuses without a name and a place, then sends the times in China time and opens the new activity', async () => {
    answer({ 'org.me': () => staff, 'points.createActivity': () => ({ _id: 'a-new' }) })
    jest.spyOn(Taro, 'showModal').mockResolvedValue(MODAL_OK)
    await mountForm()
    await testUtils.queries.waitForQuerySelector('.jl-submit')
    testUtils.fireEvent.click(testUtils.queries.querySelector('.jl-submit') as Element)
    await waitFor(() => expect(text(testUtils.queries.querySelector('.jl-form-error'))).toBe('请填写活动名称'))

    const inputs = testUtils.queries.querySelectorAll('.jl-input input') as NodeListOf<HTMLInputElement>
    for (const [i, v] of [' 小区环境清洁 ', '幸福小区北门'].entries()) {
      inputs[i].value = v
      inputs[i].dispatchEvent(new Event('input', { bubbles: true }))
    }
    // 按固定时长: 2 hours each.
    testUtils.fireEvent.click(testUtils.queries.querySelectorAll('.jl-choice')[1])
    await testUtils.queries.waitForQuerySelector('[aria-label="增加每人服务时长"]')
    testUtils.fireEvent.click(testUtils.queries.querySelector('.jl-submit') as Element)
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/points/activity/index?id=a-new' }))
    const [, , payload] = callMock.mock.calls.find((c) => c[1] === 'createActivity') ?? []
    expect(payload).toMatchObject({ title: '小区环境清洁', place: '幸福小区北门', capacity: 10, hoursRule: 'fixed', fixedHours: 2 })
    expect((payload as { startAt: string }).startAt).toMatch(/^\d{4}-\d{2}-\d{2}T09:00:00\+08:00$/)
    expect((payload as { endAt: string }).endAt).toMatch(/T11:00:00\+08:00$/)
  })
})

describe('积分排行 and 双报到情况', () => {
  it('ranks a member\'s community for the month and marks their own row', async () => {
    const member = makeMe({ openid: 'demo-member-zhang', name: '张伟', roles: [{ role: 'member', unitId: 'unit-renshe' }], unit: { _id: 'unit-renshe', name: '县人社局' } })
    const board = (scope: 'community' | 'unit', period: string): Leaderboard => ({
      scope, id: scope === 'community' ? 'c-dongjie' : 'unit-renshe', name: scope === 'community' ? '东街社区' : '县人社局', period,
      rows: [
        { rank: 1, openid: 'demo-member-liu', name: '刘洋', points: 60, hours: 6 },
        { rank: 2, openid: 'demo-member-zhang', name: '张伟', points: 30, hours: 3 },
      ],
      me: { rank: 2, openid: 'demo-member-zhang', name: '张伟', points: 30, hours: 3 },
    })
    answer({ 'org.me': () => member, 'points.leaderboard': (p) => board((p as { scope: 'community' | 'unit' }).scope, (p as { period: string }).period) })
    localStorage.setItem('jinlin.openid', 'demo-member-zhang')
    await mountPage(LeaderboardPage)
    await testUtils.queries.waitForQuerySelector('.jl-board__row')
    const rows = [...testUtils.queries.querySelectorAll('.jl-board__row')].map(text)
    expect(rows).toEqual(['1刘洋60 分 · 6 小时', '2张伟（我）30 分 · 3 小时'])
    expect(callMock).toHaveBeenCalledWith('points', 'leaderboard', { scope: 'community', period: expect.stringMatching(/^\d{4}-\d{2}$/) })
    // 本单位 and 年度 read the unit's board for the year.
    testUtils.fireEvent.click([...testUtils.queries.querySelectorAll('.jl-segment')].find((s) => text(s) === '本单位') as Element)
    testUtils.fireEvent.click([...testUtils.queries.querySelectorAll('.jl-segment')].find((s) => text(s) === '年度') as Element)
    await waitFor(() => expect(callMock).toHaveBeenCalledWith('points', 'leaderboard', { scope: 'unit', period: expect.stringMatching(/^\d{4}$/) }))
    await waitFor(() => expect(text(testUtils.queries.querySelector('.jl-section__title'))).toBe('县人社局'))
  })

  it('shows staff the month\'s 双报到 rate of their community with each member checked in or not', async () => {
    const compliance = (month: string): Compliance => ({
      scope: 'community', id: 'c-dongjie', name: '东街社区', month, members: 4, checkedIn: 3, rate: 0.75,
      people: { items: [{ openid: 'demo-member-zhang', name: '张伟', checkedInAt: '2026-11-03T01:00:00.000Z' }, { openid: 'demo-member-liu', name: '刘洋', checkedInAt: null }], page: 1, pageSize: 10, hasMore: false },
    })
    answer({ 'org.me': () => staff, 'points.compliance': (p) => compliance((p as { month: string }).month) })
    await mountPage(CompliancePage)
    await testUtils.queries.waitForQuerySelector('.jl-person')
    expect(text(testUtils.queries.querySelector('.jl-rates'))).toContain('75%')
    expect(text(testUtils.queries.querySelector('.jl-rates'))).toContain('已报到 3 人 ÷ 党员 4 人')
    expect([...testUtils.queries.querySelectorAll('.jl-person')].map(text)).toEqual([expect.stringContaining('张伟已报到'), '刘洋未报到'])
    expect(callMock).toHaveBeenCalledWith('points', 'compliance', { scope: 'community', id: 'c-dongjie', month: expect.stringMatching(/^\d{4}-\d{2}$/), page: 1, pageSize: 10 })
    // The month before.
    testUtils.fireEvent.click(button('上一月'))
    await waitFor(() => expect(callMock.mock.calls.filter((c) => c[1] === 'compliance')).toHaveLength(2))
  })
})

describe('居民积分 (staff on one person\'s ledger)', () => {
  const entry = {
    _id: 'award_x1', openid: 'demo-member-zhang', name: '张伟', points: 20, requestedPoints: 20, hours: 0,
    source: { type: 'award' as const, id: 'award_x1', label: '社区奖励' }, reason: '组织楼道清扫', actor: 'demo-staff-dongjie', actorName: '周芳',
    communityId: 'c-dongjie', unitId: 'unit-renshe', reverses: null, at: '2026-11-20T02:00:00.000Z', month: '2026-11',
  }
  const redeem = { ...entry, _id: 'redeem_r1', points: -50, requestedPoints: -50, source: { type: 'redeem' as const, id: 'r1', label: '理发一次' }, reason: '兑换理发一次' }

  it('awards points with a reason after asking, corrects an earned entry with a reversal, and offers no reversal of a redemption', async () => {
    jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { params: { openid: 'demo-member-zhang', name: encodeURIComponent('张伟') } } } as unknown as ReturnType<typeof Taro.getCurrentInstance>)
    answer({
      'org.me': () => staff,
      'points.ledger': () => ({ items: [entry, redeem], page: 1, pageSize: 10, hasMore: false }),
      'points.award': () => entry,
      'points.reverse': () => ({ ...entry, _id: 'reverse_award_x1', points: -20 }),
    })
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValue(MODAL_OK)
    await mountPage(PersonPage)
    await testUtils.queries.waitForQuerySelector('.jl-ledger-row')
    expect(callMock).toHaveBeenCalledWith('points', 'ledger', { openid: 'demo-member-zhang', page: 1, pageSize: 10 })
    expect(text(testUtils.queries.querySelector('.jl-section__title'))).toBe('张伟的积分')
    // One 更正冲销: for the award, not for the redemption.
    expect([...document.querySelectorAll('.at-button')].filter((b) => text(b) === '更正冲销')).toHaveLength(1)

    testUtils.fireEvent.click(button('奖励积分'))
    await testUtils.queries.waitForQuerySelector('.jl-panel')
    testUtils.fireEvent.click(button('确认奖励'))
    await waitFor(() => expect(text(testUtils.queries.querySelector('.jl-form-error'))).toBe('请填写奖励理由'))
    await typeInto('.jl-panel textarea', '组织楼道清扫')
    testUtils.fireEvent.click(button('确认奖励'))
    await waitFor(() => expect(callMock).toHaveBeenCalledWith('points', 'award', { openid: 'demo-member-zhang', points: 10, reason: '组织楼道清扫' }))
    expect(modal.mock.calls[0][0]?.content).toContain('奖励 张伟 10 积分')

    // The ledger is read again after the award; the rows are back once it answers.
    await waitFor(() => expect(callMock.mock.calls.filter((c) => c[1] === 'ledger')).toHaveLength(2))
    await waitFor(() => expect(button('更正冲销')).toBeTruthy())
    testUtils.fireEvent.click(button('更正冲销'))
    await typeInto('.jl-panel textarea', '重复奖励')
    testUtils.fireEvent.click(button('确认冲销'))
    await waitFor(() => expect(callMock).toHaveBeenCalledWith('points', 'reverse', { entryId: 'award_x1', reason: '重复奖励' }))
    expect(modal.mock.calls[1][0]?.content).toContain('−20 分')
  })
})

describe('积分规则', () => {
  const RULES = { perServiceHour: 10, perWish: 5, perCheckIn: 5, perActivityHour: 10, dailyCap: 100, monthlyCap: 500, yearlyHourTarget: 20 }

  it('shows everyone the rules in words; the county saves only what it changed, after asking', async () => {
    const admin = makeMe({ openid: 'demo-admin', name: '林海', roles: [{ role: 'admin' }], community: null, building: null })
    answer({ 'org.me': () => admin, 'points.rules': () => RULES, 'points.setRules': (p) => ({ ...RULES, ...(p as object) }) })
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValue(MODAL_OK)
    await mountPage(RulesPage)
    await testUtils.queries.waitForQuerySelector('.jl-kv')
    expect(text(testUtils.queries.querySelector('.jl-section'))).toContain('派单服务每小时10 分')
    expect(text(document.body)).toContain('党员年度服务时长目标20 小时')
    expect(text(button('没有修改'))).toBe('没有修改')

    testUtils.fireEvent.click(testUtils.queries.querySelector('[aria-label="增加党员年度服务时长目标"]') as Element)
    await waitFor(() => expect(button('保存 1 项修改')).toBeTruthy())
    testUtils.fireEvent.click(button('保存 1 项修改'))
    await waitFor(() => expect(callMock).toHaveBeenCalledWith('points', 'setRules', { yearlyHourTarget: 21 }))
    expect(modal.mock.calls[0][0]?.content).toContain('党员年度服务时长目标 20 → 21 小时')
    await waitFor(() => expect(text(document.body)).toContain('党员年度服务时长目标21 小时'))
  })
})
