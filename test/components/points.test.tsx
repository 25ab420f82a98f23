import TestUtils from '@tarojs/test-utils-react'
import Taro from '@tarojs/taro'

import type { Me } from '@/types/domain'
import type { AccountView, ActivityDetail, CatalogueItemView, LedgerItem, RedemptionView } from '@/types/points'

import Page from '../../src/components/Page'
import { formatDelta, formatHoursDelta, normaliseCode, spacedCode } from '../../src/domain/points'
import PointsPage from '../../src/pages/points'
import ActivityScreen from '../../src/packages/points/components/ActivityScreen'
import { RedeemScreen } from '../../src/packages/points/components/CatalogueScreen'
import RedemptionCard from '../../src/packages/points/components/RedemptionCard'
import * as api from '../../src/services/api'
import { SessionProvider } from '../../src/store/session'
import { makeMe } from './fixtures'

jest.mock('../../src/services/api', () => {
  const actual = jest.requireActual('../../src/services/api')
  return { ...actual, call: jest.fn(), listDevUsers: jest.fn() }
})

const callMock = api.call as jest.MockedFunction<typeof api.call>
const MODAL_OK = { confirm: true, cancel: false, errMsg: 'showModal:ok', content: '' }
const MODAL_CANCEL = { confirm: false, cancel: true, errMsg: 'showModal:ok', content: '' }

const text = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim()

/** Answers `call(fn, action, payload)` from a table; anything else is a test error. */
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

const RULES = { perServiceHour: 10, perWish: 5, perCheckIn: 5, perActivityHour: 10, dailyCap: 100, monthlyCap: 500, yearlyHourTarget: 20 }

function makeAccount(overrides: Partial<AccountView> = {}): AccountView {
  return {
    openid: 'demo-member-zhang',
    name: '张伟',
    balance: 120,
    earned: 150,
    year: '2026',
    yearTotals: { points: 130, hours: 13 },
    month: '2026-11',
    monthTotals: { points: 30, hours: 3 },
    hours: 15,
    target: { hours: 20, progress: 0.65, met: false },
    checkIn: { month: '2026-11', at: null, canCheckIn: true },
    rules: RULES,
    ...overrides,
  }
}

function makeEntry(i: number, overrides: Partial<LedgerItem> = {}): LedgerItem {
  return {
    _id: `e-${i}`,
    openid: 'demo-member-zhang',
    name: '张伟',
    points: 20,
    requestedPoints: 20,
    hours: 2,
    source: { type: 'service', id: `d-${i}`, label: '楼道灯维修' },
    reason: '楼道灯维修',
    actor: 'demo-staff-dongjie',
    actorName: '周芳',
    communityId: 'c-dongjie',
    unitId: 'unit-renshe',
    reverses: null,
    at: '2026-11-20T02:00:00.000Z',
    month: '2026-11',
    ...overrides,
  }
}

const member = makeMe({
  openid: 'demo-member-zhang',
  name: '张伟',
  roles: [{ role: 'resident' }, { role: 'member', unitId: 'unit-renshe' }],
  unit: { _id: 'unit-renshe', name: '县人社局' },
})

function makeActivity(overrides: Partial<ActivityDetail> = {}): ActivityDetail {
  return {
    _id: 'a-1',
    communityId: 'c-dongjie',
    communityName: '东街社区',
    title: '小区环境清洁',
    place: '幸福小区北门',
    startAt: '2026-11-23T01:00:00.000Z',
    endAt: '2026-11-23T03:00:00.000Z',
    capacity: 10,
    signedUp: 3,
    hoursRule: 'actual',
    fixedHours: null,
    phase: 'ongoing',
    myStatus: 'signedUp',
    description: '带上手套',
    organiser: { openid: 'demo-staff-dongjie', name: '周芳' },
    cancelReason: null,
    mySignup: null,
    code: null,
    signups: null,
    allowedActions: [],
    ...overrides,
  }
}

function makeItem(overrides: Partial<CatalogueItemView> = {}): CatalogueItemView {
  return {
    _id: 'i-1',
    owner: { scope: 'community', id: 'c-dongjie', name: '东街社区' },
    title: '理发一次',
    description: '社区理发室',
    cost: 50,
    stock: 5,
    perPersonLimit: 1,
    validFrom: '2026-11-01T00:00:00.000Z',
    validUntil: '2026-12-31T15:59:59.000Z',
    active: true,
    createdBy: 'demo-staff-dongjie',
    createdAt: '2026-11-01T00:00:00.000Z',
    mine: 0,
    unavailableReason: null,
    manageable: false,
    ...overrides,
  }
}

function makeRedemption(overrides: Partial<RedemptionView> = {}): RedemptionView {
  return {
    _id: 'r-1',
    itemId: 'i-1',
    itemTitle: '理发一次',
    owner: { scope: 'community', id: 'c-dongjie', name: '东街社区' },
    openid: 'demo-member-zhang',
    name: '张伟',
    cost: 50,
    code: 'AB12CD34',
    status: 'pending',
    createdAt: '2026-11-21T02:00:00.000Z',
    fulfilledAt: null,
    fulfilledBy: null,
    cancelledAt: null,
    cancelledBy: null,
    cancelReason: null,
    allowedActions: ['cancel'],
    ...overrides,
  }
}

let testUtils: TestUtils

beforeEach(() => {
  localStorage.setItem('jinlin.openid', 'demo-member-zhang')
  testUtils = new TestUtils()
  callMock.mockReset()
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
})

afterEach(() => {
  // The words test mounts nothing.
  if (document.querySelector('.jl-page')) testUtils.unmout()
  document.body.innerHTML = ''
  localStorage.clear()
  jest.restoreAllMocks()
})

const mount = (me: Me, node: () => JSX.Element) =>
  testUtils.mount(() => (
    <SessionProvider>
      <Page>{node()}</Page>
    </SessionProvider>
  ))

const buttons = (root: ParentNode = document) => [...root.querySelectorAll('.at-button')].map(text)
const button = (label: string, root: ParentNode = document) => [...root.querySelectorAll('.at-button')].find((b) => text(b) === label) as Element

describe('积分 tab', () => {
  it('shows a member their balance, hours toward the yearly target, 双报到 due and the latest entries with their sources', async () => {
    const entries = [makeEntry(1), makeEntry(2, { points: -50, requestedPoints: -50, hours: 0, source: { type: 'redeem', id: 'r-1', label: '理发一次' }, reason: '兑换理发一次', actor: 'demo-member-zhang' })]
    answer({ 'org.me': () => member, 'points.account': () => makeAccount(), 'points.ledger': () => ({ items: entries, page: 1, pageSize: 5, hasMore: true }) })
    await mount(member, () => <PointsPage />)
    await testUtils.queries.waitForQuerySelector('.jl-ledger-row')

    expect(callMock).toHaveBeenCalledWith('points', 'ledger', { page: 1, pageSize: 5 })
    expect(text(testUtils.queries.querySelector('.jl-balance__value'))).toBe('120')
    expect(text(testUtils.queries.querySelector('.jl-target'))).toContain('2026 年服务时长13 小时 / 20 小时')
    expect(text(testUtils.queries.querySelector('.jl-target__words'))).toBe('已完成 65%，还差 7 小时')
    expect(testUtils.queries.querySelector('.jl-target__fill')?.getAttribute('style')).toContain('width: 65%')
    const rows = testUtils.queries.querySelectorAll('.jl-ledger-row')
    expect(text(rows[0])).toContain('派单服务 · 楼道灯维修')
    expect(text(rows[0])).toContain('+20 分')
    expect(text(rows[0])).toContain('+2 小时')
    expect(text(rows[0])).toContain('周芳')
    expect(text(rows[1])).toContain('积分兑换 · 理发一次')
    expect(text(rows[1])).toContain('−50 分')
    expect(text(document.body)).toContain('查看全部积分明细')
    // A member's own entrances; no staff work.
    const titles = [...testUtils.queries.querySelectorAll('.jl-link-row__title')].map(text)
    expect(titles).toEqual(['志愿活动', '积分兑换', '我的兑换', '我的双认双评', '积分排行', '积分规则'])
    expect(buttons()).toContain('本月双报到')
  })

  it('checks a member in for the month and reads the account again', async () => {
    let checkedIn = false
    answer({
      'org.me': () => member,
      'points.account': () => makeAccount(checkedIn ? { balance: 125, checkIn: { month: '2026-11', at: '2026-11-23T01:00:00.000Z', canCheckIn: false } } : {}),
      'points.ledger': () => ({ items: [], page: 1, pageSize: 5, hasMore: false }),
      'points.checkIn': () => {
        checkedIn = true
        return { checkIn: {}, created: true, points: 5 }
      },
    })
    await mount(member, () => <PointsPage />)
    await testUtils.queries.waitForQuerySelector('.jl-balance')
    expect(text(document.body)).toContain('暂无积分明细')
    testUtils.fireEvent.click(button('本月双报到'))
    await waitFor(() => expect(text(testUtils.queries.querySelector('.jl-balance__value'))).toBe('125'))
    expect(callMock).toHaveBeenCalledWith('points', 'checkIn', {})
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '报到成功，积分 +5', icon: 'none' })
    expect(text(document.body)).toContain('本月已到居住社区报到')
    expect(buttons()).not.toContain('本月双报到')
  })

  it('gives community staff their work queue first, and the county admin reconciliation without an account of their own', async () => {
    const staff = makeMe()
    answer({ 'org.me': () => staff, 'points.account': () => makeAccount({ checkIn: { month: '2026-11', at: null, canCheckIn: false } }), 'points.ledger': () => ({ items: [], page: 1, pageSize: 5, hasMore: false }) })
    await mount(staff, () => <PointsPage />)
    await testUtils.queries.waitForQuerySelector('.jl-balance')
    const sections = [...testUtils.queries.querySelectorAll('.jl-section__title')].map(text)
    expect(sections).toEqual(['我的积分', '最近积分明细', '社区工作', '我的'])
    expect(text(document.body)).toContain('核销兑换')
    expect(text(document.body)).toContain('双报到情况')
    // Not a member: no target bar and no 双报到.
    expect(testUtils.queries.querySelector('.jl-target')).toBeNull()
    testUtils.unmout()
    document.body.innerHTML = ''

    callMock.mockReset()
    const admin = makeMe({ openid: 'demo-admin', name: '林海', roles: [{ role: 'admin' }], community: null, building: null })
    answer({ 'org.me': () => admin })
    testUtils = new TestUtils()
    await mount(admin, () => <PointsPage />)
    await testUtils.queries.waitForQuerySelector('.jl-link-row')
    expect([...testUtils.queries.querySelectorAll('.jl-link-row__title')].map(text)).toEqual(['积分对账', '积分规则', '兑换目录管理', '积分排行'])
    expect(callMock).not.toHaveBeenCalledWith('points', 'account', expect.anything())
  })

  it('says what went wrong and retries when the account cannot be read', async () => {
    let fail = true
    answer({
      'org.me': () => member,
      'points.account': () => {
        if (fail) throw new api.ApiCallError('INTERNAL', '服务繁忙，请稍后再试')
        return makeAccount()
      },
      'points.ledger': () => ({ items: [], page: 1, pageSize: 5, hasMore: false }),
    })
    await mount(member, () => <PointsPage />)
    const error = await testUtils.queries.waitForQuerySelector('.jl-state--error')
    expect(text(error)).toContain('服务繁忙，请稍后再试')
    fail = false
    testUtils.fireEvent.click(error.querySelector('.at-button') as Element)
    await testUtils.queries.waitForQuerySelector('.jl-balance')
  })
})

describe('活动详情', () => {
  it('shows exactly the steps the server allows and checks in with the typed code, normalised', async () => {
    const before = makeActivity({ allowedActions: ['checkIn', 'cancelSignup'] })
    const after = makeActivity({ myStatus: 'checkedIn', allowedActions: [], mySignup: null })
    answer({ 'org.me': () => member, 'points.activityDetail': () => before, 'points.activityCheckIn': () => after })
    await mount(member, () => <ActivityScreen id='a-1' />)
    await testUtils.queries.waitForQuerySelector('.jl-actions')
    expect(buttons(testUtils.queries.querySelector('.jl-actions') as Element)).toEqual(['签到', '取消报名'])
    // Not the organiser: no code, no sign-up list.
    expect(text(document.body)).not.toContain('签到签退码')

    testUtils.fireEvent.click(button('签到'))
    const field = (await testUtils.queries.waitForQuerySelector('.jl-input input')) as HTMLInputElement
    field.value = ' k7p2-q9 '
    field.dispatchEvent(new Event('input', { bubbles: true }))
    testUtils.fireEvent.click(button('确认签到'))
    await waitFor(() => expect(callMock).toHaveBeenCalledWith('points', 'activityCheckIn', { id: 'a-1', code: 'K7P2Q9' }))
    // Checked in: the server allows nothing more now, so no buttons are left.
    await waitFor(() => expect(text(document.body)).not.toContain('您可以'))
    expect(text(document.body)).toContain('已签到')
  })

  it('shows the organiser the code and the sign-ups, and approves checked-out hours only after asking', async () => {
    const staff = makeMe({ openid: 'demo-staff-dongjie', name: '周芳' })
    const signup = (openid: string, name: string, status: 'checkedOut' | 'checkedIn', hours: number | null) => ({
      _id: `a-1_${openid}`, activityId: 'a-1', communityId: 'c-dongjie', openid, name, status,
      signedUpAt: '2026-11-20T01:00:00.000Z', checkInAt: '2026-11-23T01:00:00.000Z', checkOutAt: status === 'checkedOut' ? '2026-11-23T03:00:00.000Z' : null,
      hours, resolvedBy: null, resolveNote: null, approvedBy: null, approvedAt: null, entryId: null,
    })
    const detail = makeActivity({
      phase: 'ended', myStatus: null, code: 'K7P2Q9', allowedActions: ['approveHours', 'resolveCheckOut'],
      signups: [signup('demo-member-zhang', '张伟', 'checkedOut', 2), signup('demo-member-chen', '陈静', 'checkedIn', null)],
    })
    answer({ 'org.me': () => staff, 'points.activityDetail': () => detail, 'points.approveHours': () => ({ ...detail, allowedActions: ['resolveCheckOut'], approved: 1 }) })
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValueOnce(MODAL_CANCEL).mockResolvedValueOnce(MODAL_OK)
    await mount(staff, () => <ActivityScreen id='a-1' />)
    await testUtils.queries.waitForQuerySelector('.jl-code')
    expect(text(testUtils.queries.querySelector('.jl-code__value'))).toBe('K7P2 Q9')
    expect(text(document.body)).toContain('报名 2 人；待核定 1 人；未签退 1 人')
    expect(buttons()).toContain('为陈静补记签退')

    testUtils.fireEvent.click(button('核定已签退的时长（1 人）'))
    await waitFor(() => expect(modal).toHaveBeenCalledTimes(1))
    expect(callMock).not.toHaveBeenCalledWith('points', 'approveHours', expect.anything())
    testUtils.fireEvent.click(button('核定已签退的时长（1 人）'))
    await waitFor(() => expect(callMock).toHaveBeenCalledWith('points', 'approveHours', { id: 'a-1' }))
    expect(modal.mock.calls[1][0]?.content).toContain('张伟 2 小时')
    await waitFor(() => expect(buttons()).not.toContain('核定已签退的时长（1 人）'))
  })
})

describe('积分兑换 and 我的兑换', () => {
  it('redeems after asking and shows the code; an item out of reach says why and has no button', async () => {
    answer({
      'org.me': () => member,
      'points.account': () => makeAccount(),
      'points.listItems': () => ({ items: [makeItem(), makeItem({ _id: 'i-2', title: '米一袋', cost: 500, unavailableReason: '积分不足' })], page: 1, pageSize: 10, hasMore: false }),
      'points.redeem': () => makeRedemption(),
    })
    jest.spyOn(Taro, 'showModal').mockResolvedValue(MODAL_OK)
    await mount(member, () => <RedeemScreen />)
    await testUtils.queries.waitForQuerySelector('.jl-card')
    const cards = testUtils.queries.querySelectorAll('.jl-card')
    expect(text(cards[1])).toContain('积分不足')
    expect(cards[1].querySelector('.at-button')).toBeNull()
    expect(text(document.body)).toContain('我的可用积分：120 分')

    testUtils.fireEvent.click(cards[0].querySelector('.at-button') as Element)
    await testUtils.queries.waitForQuerySelector('.jl-code__value')
    expect(callMock).toHaveBeenCalledWith('points', 'redeem', { itemId: 'i-1' })
    expect(text(testUtils.queries.querySelector('.jl-code__value'))).toBe('AB12 CD34')
    expect(text(document.body)).toContain('兑换成功')
  })

  it('cancels a pending redemption only after the person confirms, and then shows it refunded', async () => {
    answer({
      'org.me': () => member,
      'points.cancelRedemption': () => makeRedemption({ status: 'cancelled', cancelledAt: '2026-11-21T03:00:00.000Z', cancelledBy: 'demo-member-zhang', allowedActions: [] }),
    })
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValueOnce(MODAL_CANCEL).mockResolvedValueOnce(MODAL_OK)
    await mount(member, () => <RedemptionCard r={makeRedemption()} />)
    await testUtils.queries.waitForQuerySelector('.jl-card')
    expect(text(testUtils.queries.querySelector('.jl-tag--strong'))).toBe('待核销')
    // The redeemer may cancel; only staff may fulfil.
    expect(buttons()).toEqual(['取消兑换'])
    testUtils.fireEvent.click(button('取消兑换'))
    await waitFor(() => expect(modal).toHaveBeenCalledTimes(1))
    expect(callMock).not.toHaveBeenCalledWith('points', 'cancelRedemption', expect.anything())
    testUtils.fireEvent.click(button('取消兑换'))
    await waitFor(() => expect(text(testUtils.queries.querySelector('.jl-tag--strong'))).toBe('已取消'))
    expect(callMock).toHaveBeenCalledWith('points', 'cancelRedemption', { id: 'r-1' })
    expect(text(document.body)).toContain('积分已退回')
    expect(testUtils.queries.querySelector('.jl-code')).toBeNull()
  })
})

describe('points words', () => {
  it('signs every delta, spaces codes for reading aloud and reads typed codes leniently', () => {
    expect([formatDelta(12), formatDelta(-30), formatDelta(0)]).toEqual(['+12 分', '−30 分', '0 分'])
    expect([formatHoursDelta(1.5), formatHoursDelta(-2), formatHoursDelta(0)]).toEqual(['+1.5 小时', '−2 小时', ''])
    expect(spacedCode('AB12CD34X')).toBe('AB12 CD34 X')
    expect(normaliseCode(' ab12-cd 34 ')).toBe('AB12CD34')
  })
})
