import TestUtils from '@tarojs/test-utils-react'
import Taro from '@tarojs/taro'

import type { Me } from '@/types/domain'
import type { AccountView, ActivityDetail, CatalogueItemView, Compliance, LedgerItem, Leaderboard, RedemptionView } from '@/types/points'

import Page from '../../src/components/Page'
import { normaliseCode } from '../../src/domain/points'
import { formatDelta, formatHoursDelta, spacedCode } from '../../src/domain/format'
import PointsPage from '../../src/pages/points'
import ActivityForm from '../../src/packages/points/components/ActivityForm'
import ActivityScreen from '../../src/packages/points/components/ActivityScreen'
import { RedeemScreen } from '../../src/packages/points/components/CatalogueScreen'
import RedemptionCard from '../../src/packages/points/components/RedemptionCard'
import CompliancePage from '../../src/packages/points/compliance'
import FulfilPage from '../../src/packages/points/fulfil'
import LeaderboardPage from '../../src/packages/points/leaderboard'
import MemberPage from '../../src/packages/points/member'
import PersonPage from '../../src/packages/points/person'
import ReconcilePage from '../../src/packages/points/reconcile'
import RulesPage from '../../src/packages/points/rules'
import * as api from '../../src/services/api'
import { SessionProvider } from '../../src/store/session'
import { makeMe } from './fixtures'
import { answer, callMock, MODAL_CANCEL, MODAL_OK, text, typeInto, waitFor } from './helpers'

jest.mock('../../src/services/api', () => {
  const actual = jest.requireActual('../../src/services/api')
  return { ...actual, call: jest.fn(), listDevUsers: jest.fn() }
})

/** The region tree down to communities and the units, as org.regionTree / org.listUnits give them. */
const ORG_LISTS = {
  'org.regionTree': () => [
    { _id: 'county', name: '青山县', level: 'county', parentId: null, path: [], children: [
      { _id: 'town', name: '城关镇', level: 'town', parentId: 'county', path: ['county'], children: [
        { _id: 'c-dongjie', name: '东街社区', level: 'community', parentId: 'town', path: ['county', 'town'], children: [] },
        { _id: 'c-ximen', name: '西门社区', level: 'community', parentId: 'town', path: ['county', 'town'], children: [] },
      ] },
    ] },
  ],
  'org.listUnits': () => [{ _id: 'unit-renshe', name: '县人社局', description: '', communityIds: ['c-dongjie'] }],
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
  unit: { _id: 'unit-renshe', name: '县人社局', communities: [{ _id: 'c-dongjie', name: '东街社区' }] },
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
  jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' })
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

/** A page as the app shell renders it: inside the session. */
const mountPage = (PageComponent: () => JSX.Element) =>
  testUtils.mount(() => (
    <SessionProvider>
      <PageComponent />
    </SessionProvider>
  ))

const staff = makeMe({ openid: 'demo-staff-dongjie', name: '周芳' })

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
    expect(titles).toEqual(['志愿活动', '微心愿墙', '党员承诺', '积分兑换', '我的兑换', '共建项目', '岗位与责任区', '我的岗位', '我的承诺', '我的年度任务', '我的双认双评', '积分排行', '积分规则'])
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
    answer({ 'org.me': () => staff, 'points.account': () => makeAccount({ checkIn: { month: '2026-11', at: null, canCheckIn: false } }), 'points.ledger': () => ({ items: [], page: 1, pageSize: 5, hasMore: false }) })
    await mount(staff, () => <PointsPage />)
    await testUtils.queries.waitForQuerySelector('.jl-balance')
    const sections = [...testUtils.queries.querySelectorAll('.jl-section__title')].map(text)
    expect(sections).toEqual(['社区工作', '我的积分', '最近积分明细', '我的'])
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
    expect(callMock).toHaveBeenCalledWith('points', 'redeem', { itemId: 'i-1', requestId: expect.stringMatching(/^r-/) })
    expect(text(testUtils.queries.querySelector('.jl-code__value'))).toBe('AB12 CD34')
    expect(text(document.body)).toContain('兑换成功')
    // The same code as a QR code for the staff member's camera, named for screen readers.
    const qr = testUtils.queries.querySelector('.jl-code__qr') as HTMLElement
    expect(qr.getAttribute('src')).toMatch(/^data:image\/gif;base64,R0lGOD/)
    expect(qr.getAttribute('aria-label')).toBe('兑换码二维码，码为 AB12 CD34')
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
    const member = makeMe({ openid: 'demo-member-zhang', name: '张伟', roles: [{ role: 'member', unitId: 'unit-renshe' }], unit: { _id: 'unit-renshe', name: '县人社局', communities: [{ _id: 'c-dongjie', name: '东街社区' }] } })
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
    answer({ 'org.me': () => staff, ...ORG_LISTS, 'points.compliance': (p) => compliance((p as { month: string }).month) })
    await mountPage(CompliancePage)
    await testUtils.queries.waitForQuerySelector('.jl-person')
    expect(text(testUtils.queries.querySelector('.jl-rates'))).toContain('75%')
    expect(text(testUtils.queries.querySelector('.jl-rates'))).toContain('已报到 3 人 ÷ 党员 4 人')
    expect([...testUtils.queries.querySelectorAll('.jl-person')].map(text)).toEqual([expect.stringContaining('张伟已报到'), '刘洋未报到'])
    expect(callMock).toHaveBeenCalledWith('points', 'compliance', { scope: 'community', id: 'c-dongjie', month: expect.stringMatching(/^\d{4}-\d{2}$/), page: 1, pageSize: 10 })
    // The month before.
    testUtils.fireEvent.click(button('上个月'))
    await waitFor(() => expect(callMock.mock.calls.filter((c) => c[1] === 'compliance')).toHaveLength(2))
  })
})

describe('the county picks any community or unit', () => {
  it('reads the leaderboard and the 双报到 of the community or unit chosen', async () => {
    const county = makeMe({ openid: 'demo-admin', name: '林海', roles: [{ role: 'admin' }], community: null, building: null, unit: null })
    answer({
      'org.me': () => county,
      ...ORG_LISTS,
      'points.leaderboard': (p) => {
        const q = p as { scope: 'community' | 'unit'; id: string; period: string }
        return { scope: q.scope, id: q.id, name: q.id === 'unit-renshe' ? '县人社局' : '东街社区', period: q.period, rows: [], me: null }
      },
    })
    localStorage.setItem('jinlin.openid', 'demo-admin')
    await mountPage(LeaderboardPage)
    await waitFor(() => expect(callMock).toHaveBeenCalledWith('points', 'leaderboard', { scope: 'community', id: 'c-dongjie', period: expect.stringMatching(/^\d{4}-\d{2}$/) }))
    // Three choices: tabs for 东街社区, 西门社区 and 县人社局.
    const tabs = [...testUtils.queries.querySelectorAll('.jl-segment')].map(text)
    expect(tabs).toEqual(expect.arrayContaining(['社区 · 东街社区', '社区 · 西门社区', '单位 · 县人社局']))
    testUtils.fireEvent.click([...testUtils.queries.querySelectorAll('.jl-segment')].find((x) => text(x) === '单位 · 县人社局') as Element)
    await waitFor(() => expect(callMock).toHaveBeenCalledWith('points', 'leaderboard', { scope: 'unit', id: 'unit-renshe', period: expect.stringMatching(/^\d{4}-\d{2}$/) }))
    await waitFor(() => expect(text(testUtils.queries.querySelector('.jl-section__title'))).toBe('县人社局'))
  })
})

describe('积分对账', () => {
  it('names a verified demand whose hours never reached the ledger, credits it after asking, and checks again', async () => {
    const county = makeMe({ openid: 'demo-admin', name: '林海', roles: [{ role: 'admin' }], community: null, building: null, unit: null })
    let credited = false
    answer({
      'org.me': () => county,
      'points.reconcile': () => ({
        entries: 40,
        accounts: 9,
        tallies: 12,
        redemptionsWithoutHome: 2,
        differences: credited ? [] : [{ kind: 'credit', key: 'demand_0a1b2c3d_demo-member-zhang', field: 'hours', cached: null, computed: 1.5 }],
      }),
      'points.creditDemand': () => ((credited = true), { credited: 1 }),
    })
    localStorage.setItem('jinlin.openid', 'demo-admin')
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValue(MODAL_OK)
    await mountPage(ReconcilePage)
    await waitFor(() => expect(button('开始对账')).toBeTruthy())
    testUtils.fireEvent.click(button('开始对账'))
    await testUtils.queries.waitForQuerySelector('.jl-person')
    expect(text(testUtils.queries.querySelector('.jl-person'))).toContain('验收的服务 1.5 小时未计入积分明细')
    expect(text(document.body)).toContain('有 2 笔早期兑换没有记下兑换人当时的社区和单位，这些人当月和当年的“已兑换”未核对')
    testUtils.fireEvent.click(button('补记该诉求的服务时长'))
    await waitFor(() => expect(callMock).toHaveBeenCalledWith('points', 'creditDemand', { demandId: '0a1b2c3d' }))
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '补记服务时长' }))
    await waitFor(() => expect(text(document.body)).toContain('账实相符'))
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

describe('补记签退 and 双认双评', () => {
  it('settles a missed check-out with the hours and a note, after asking', async () => {
    const missed = {
      _id: 'a-1_demo-member-chen', activityId: 'a-1', communityId: 'c-dongjie', openid: 'demo-member-chen', name: '陈静', status: 'checkedIn' as const,
      signedUpAt: '2026-11-20T01:00:00.000Z', checkInAt: '2026-11-23T01:00:00.000Z', checkOutAt: null, hours: null,
      resolvedBy: null, resolveNote: null, approvedBy: null, approvedAt: null, entryId: null,
    }
    const detail = makeActivity({ phase: 'ended', myStatus: null, code: 'K7P2Q9', hoursRule: 'fixed', fixedHours: 2, allowedActions: ['resolveCheckOut'], signups: [missed] })
    answer({
      'org.me': () => staff,
      'points.activityDetail': () => detail,
      'points.resolveCheckOut': () => ({ ...detail, signups: [{ ...missed, status: 'checkedOut', hours: 2, resolveNote: '忘记签退' }] }),
    })
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValue(MODAL_OK)
    await mount(staff, () => <ActivityScreen id='a-1' />)
    await testUtils.queries.waitForQuerySelector('.jl-person')
    testUtils.fireEvent.click(button('为陈静补记签退'))
    await testUtils.queries.waitForQuerySelector('.jl-panel')
    // The hours start from the activity's fixed hours.
    expect(text(testUtils.queries.querySelector('.jl-panel .jl-stepper__value'))).toBe('2 小时')
    testUtils.fireEvent.click(button('确认补记签退'))
    await waitFor(() => expect(text(testUtils.queries.querySelector('.jl-panel .jl-form-error'))).toBe('请填写补记说明'))
    await typeInto('.jl-panel textarea', '忘记签退')
    testUtils.fireEvent.click(button('确认补记签退'))
    await waitFor(() => expect(callMock).toHaveBeenCalledWith('points', 'resolveCheckOut', { id: 'a-1', openid: 'demo-member-chen', hours: 2, note: '忘记签退' }))
    expect(modal.mock.calls[0][0]?.content).toBe('为 陈静 补记签退，服务时长 2 小时？')
    await waitFor(() => expect(text(document.body)).toContain('服务时长 2 小时（补记：忘记签退）'))
  })

  it('lets the unit\'s liaison grade a member\'s year, and shows residents\' ratings of their work', async () => {
    const liaison = makeMe({ openid: 'demo-liaison-renshe', name: '赵敏', roles: [{ role: 'liaison', unitId: 'unit-renshe' }], unit: { _id: 'unit-renshe', name: '县人社局', communities: [{ _id: 'c-dongjie', name: '东街社区' }] } })
    const profile = {
      openid: 'demo-member-zhang', name: '张伟', communityId: 'c-dongjie', unitId: 'unit-renshe', year: '2026',
      yearTotals: { points: 105, hours: 9 }, target: { hours: 20, progress: 0.45, met: false }, checkInMonths: ['2026-09', '2026-11'],
      reviews: { unit: null, community: null },
      residentRatings: { satisfied: 1, basic: 0, unsatisfied: 0, recent: [{ demandId: 'd-1', text: '帮忙申请临时救助', value: 'satisfied' as const, comment: '谢谢', at: '2026-11-20T02:00:00.000Z' }] },
      pledges: { made: 2, fulfilled: 1, grades: { excellent: 1 }, residents: { satisfied: 1, basic: 0, unsatisfied: 0 } },
      canReview: ['unit' as const],
    }
    let reviewed = false
    answer({
      'org.me': () => liaison,
      'points.memberProfile': () => (reviewed ? { ...profile, reviews: { unit: { _id: 'x', openid: 'demo-member-zhang', year: '2026', scope: 'unit', grade: 'excellent', comment: '', by: 'demo-liaison-renshe', byName: '赵敏', at: '2026-11-23T02:00:00.000Z' }, community: null } } : profile),
      'points.reviewMember': () => {
        reviewed = true
        return {}
      },
    })
    jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { params: { openid: 'demo-member-zhang' } } } as unknown as ReturnType<typeof Taro.getCurrentInstance>)
    jest.spyOn(Taro, 'showModal').mockResolvedValue(MODAL_OK)
    await mountPage(MemberPage)
    await testUtils.queries.waitForQuerySelector('.jl-choice')
    expect(callMock).toHaveBeenCalledWith('points', 'memberProfile', { openid: 'demo-member-zhang' })
    expect(text(document.body)).toContain('9 小时 / 目标 20 小时（45%）')
    expect(text(document.body)).toContain('2 个月：9月、11月')
    expect(text(document.body)).toContain('满意 1 · 基本满意 0 · 不满意 0')
    expect(text(document.body)).toContain('帮忙申请临时救助')
    expect(text(document.body)).toContain('2 项，已践诺 1 项')
    expect(text(document.body)).toContain('优秀 1')
    // Only the unit's review is theirs to give.
    expect([...testUtils.queries.querySelectorAll('.jl-section__title')].map(text)).toContain('单位评价（2026 年）')
    expect([...testUtils.queries.querySelectorAll('.jl-section__title')].map(text)).not.toContain('社区评价（2026 年）')
    testUtils.fireEvent.click(button('提交评价'))
    await waitFor(() => expect(text(testUtils.queries.querySelector('.jl-form-error'))).toBe('请选择评价等次'))
    testUtils.fireEvent.click(testUtils.queries.querySelectorAll('.jl-choice')[0])
    testUtils.fireEvent.click(button('提交评价'))
    await waitFor(() => expect(callMock).toHaveBeenCalledWith('points', 'reviewMember', { openid: 'demo-member-zhang', year: '2026', scope: 'unit', grade: 'excellent' }))
    await waitFor(() => expect(text(document.body)).toContain('优秀（赵敏'))
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
