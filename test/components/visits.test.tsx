import TestUtils from '@tarojs/test-utils-react'
import Taro from '@tarojs/taro'

import type { Me } from '@/types/domain'
import type { Coverage, KeyHouseholdDetail, KeyHouseholdListRequest, KeyHouseholdSummary, RecordVisitRequest, VisitView } from '@/types/visits'

import Page from '../../src/components/Page'
import { dueText, sectionsFor, visitAt } from '../../src/domain/visits'
import VisitsPage from '../../src/pages/visits'
import CoverageView from '../../src/packages/visits/components/CoverageView'
import HouseholdScreen from '../../src/packages/visits/components/HouseholdScreen'
import KeyForm from '../../src/packages/visits/components/KeyForm'
import PairingScreen from '../../src/packages/visits/components/PairingScreen'
import ReadsScreen from '../../src/packages/visits/components/ReadsScreen'
import VisitForm from '../../src/packages/visits/components/VisitForm'
import * as api from '../../src/services/api'
import { SessionProvider } from '../../src/store/session'
import { makeMe } from './fixtures'
import { answer, callMock, MODAL_CANCEL, MODAL_OK, text, waitFor as poll } from './helpers'

jest.mock('../../src/services/api', () => {
  const actual = jest.requireActual('../../src/services/api')
  return { ...actual, call: jest.fn(), listDevUsers: jest.fn() }
})

/** Up to 3 s: the visits pages make several calls before they settle. */
const waitFor = (assertion: () => void) => poll(assertion, 3000)

const NOW = new Date()
const daysFromNow = (n: number) => new Date(NOW.getTime() + n * 86400000).toISOString()

function makeSummary(i: number, overrides: Partial<KeyHouseholdSummary> = {}): KeyHouseholdSummary {
  return {
    householdId: `h-${i}`,
    communityId: 'c-dongjie',
    buildingId: 'b-xingfu-1',
    address: `幸福小区1号楼 ${100 + i}`,
    careLevel: 'weekly',
    contactName: `联系人${i}`,
    contactPhone: '138****1234',
    visitors: [{ openid: 'demo-member-zhang', name: '张伟', kind: 'member' }],
    lastContactAt: daysFromNow(-10),
    lastVisitAt: daysFromNow(-10),
    dueFrom: daysFromNow(-5),
    dueBy: daysFromNow(2),
    dueStatus: 'due',
    returnsDue: [],
    ...overrides,
  }
}

function makeDetail(overrides: Partial<KeyHouseholdDetail> = {}): KeyHouseholdDetail {
  return {
    ...makeSummary(1),
    active: true,
    care: { categories: ['livingAlone', 'disabled'], contactPhone: '13800001234', notes: '耳背，敲门要用力' },
    recentVisits: [],
    pairingChanges: [],
    allowedActions: ['recordVisit'],
    ...overrides,
  }
}

const COVERAGE: Coverage = {
  communityId: 'c-dongjie',
  month: '2026-11',
  keyHouseholds: 8,
  coveredHouseholds: 6,
  visitedHouseholds: 7,
  coverageRate: 0.75,
  overdueNow: 2,
  visits: 11,
  contacts: 9,
  noContacts: 2,
  secretaryVisits: 1,
  returnVisits: 1,
  needsFound: 3,
  byVisitor: [{ openid: 'demo-member-zhang', name: '张伟', visits: 6, contacts: 5 }],
}

const member = makeMe({ openid: 'demo-member-zhang', name: '张伟', roles: [{ role: 'resident' }, { role: 'member', unitId: 'unit-renshe' }] })
const resident = makeMe({ openid: 'demo-resident-wang', name: '王秀英', roles: [{ role: 'resident' }] })
const staff = makeMe({ openid: 'demo-staff-dongjie', name: '周芳', roles: [{ role: 'staff', communityId: 'c-dongjie' }] })
const secretary = makeMe({ openid: 'demo-secretary-dongjie', name: '黄志明', roles: [{ role: 'secretary', communityId: 'c-dongjie' }] })

let testUtils: TestUtils

beforeEach(() => {
  localStorage.setItem('jinlin.openid', 'o-1')
  testUtils = new TestUtils()
  callMock.mockReset()
  jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
  jest.spyOn(Taro, 'navigateBack').mockResolvedValue({ errMsg: 'navigateBack:ok' })
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
})

afterEach(() => {
  // The domain tables mount nothing.
  if (document.body.childElementCount) testUtils.unmout()
  document.body.innerHTML = ''
  localStorage.clear()
  jest.restoreAllMocks()
})

describe('due words (domain)', () => {
  it('says how many days late an overdue household is, and by when a due one should be visited', () => {
    const now = new Date('2026-11-23T10:00:00+08:00')
    expect(dueText({ dueStatus: 'overdue', dueFrom: '2026-11-13T00:00:00+08:00', dueBy: '2026-11-20T23:59:59+08:00' }, now)).toBe('已超期 3 天（最晚应在 11月20日走访）')
    expect(dueText({ dueStatus: 'due', dueFrom: '2026-11-20T00:00:00+08:00', dueBy: '2026-11-27T23:59:59+08:00' }, now)).toBe('待走访：最晚 11月27日')
    expect(dueText({ dueStatus: 'notDue', dueFrom: '2026-12-01T00:00:00+08:00', dueBy: '2026-12-08T23:59:59+08:00' }, now)).toBe('12月1日起走访')
  })

  it('gives a visitor 我的包户 first and staff the community first; a resident nothing to list', () => {
    expect(sectionsFor(member).map((s) => s.title)).toEqual(['我的包户'])
    expect(sectionsFor(staff).map((s) => s.title)).toEqual(['待走访', '已超期', '全部重点户', '我的包户'])
    expect(sectionsFor(makeMe({ roles: [{ role: 'gridWorker', communityId: 'c-dongjie' }] })).map((s) => s.title)).toEqual(['我的包户', '待走访', '已超期', '全部重点户'])
    expect(sectionsFor(resident)).toEqual([])
  })
})

describe('敲门 tab', () => {
  const mountTab = async (me: Me, list: (req: KeyHouseholdListRequest) => unknown, coverage?: Partial<Coverage>) => {
    answer({ 'org.me': () => me, 'visits.list': (p) => list(p as KeyHouseholdListRequest), 'visits.coverage': () => ({ ...COVERAGE, ...coverage }) })
    await testUtils.mount(() => (
      <SessionProvider>
        <VisitsPage />
      </SessionProvider>
    ))
    await testUtils.queries.waitForQuerySelector('.jl-tab-header')
  }

  it('shows a member 我的包户 as the server sorts it, overdue in words with ⚠ and the days late, 待回访 marked', async () => {
    const items = [
      makeSummary(1, { dueStatus: 'overdue', dueFrom: daysFromNow(-10), dueBy: daysFromNow(-3), returnsDue: [{ demandId: 'd-9', category: 'facilities', resolvedAt: daysFromNow(-1), dueBy: daysFromNow(2) }] }),
      makeSummary(2),
      makeSummary(3, { dueStatus: 'notDue', dueFrom: daysFromNow(4), dueBy: daysFromNow(11) }),
    ]
    await mountTab(member, () => ({ items, page: 1, pageSize: 10, hasMore: false }))
    await testUtils.queries.waitForQuerySelector('.jl-household')
    expect(callMock).toHaveBeenCalledWith('visits', 'list', { scope: 'mine', page: 1, pageSize: 10 })
    const cards = [...testUtils.queries.querySelectorAll('.jl-household')]
    expect(cards.map((c) => text(c.querySelector('.jl-tag--strong')))).toEqual(['⚠ 已超期', '待走访', '未到期'])
    expect(cards[0].classList.contains('jl-household--overdue')).toBe(true)
    expect(text(cards[0].querySelector('.jl-household__due'))).toMatch(/^已超期 3 天（最晚应在 .+走访）$/)
    expect(text(cards[0])).toContain('待回访')
    expect(cards[0].getAttribute('aria-label')).toBe('幸福小区1号楼 101，已超期，待回访，查看重点户')
    // Lists carry a masked phone only, and no care categories.
    expect(text(testUtils.queries.querySelector('.jl-paged'))).not.toMatch(/独居|残疾|1380000/)
    expect(text(testUtils.queries.querySelector('.jl-paged__count'))).toBe('共 3 户')

    testUtils.fireEvent.click(cards[0])
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/visits/household/index?id=h-1' })
    // A visitor has no community overview.
    expect(text(testUtils.queries.querySelector('.jl-visits__links'))).toBe('')
  })

  it('pages 我的包户 10 at a time with 加载更多', async () => {
    const all = Array.from({ length: 13 }, (_, i) => makeSummary(i + 1))
    await mountTab(member, (req) => {
      const page = req.page ?? 1
      return { items: all.slice((page - 1) * 10, page * 10), page, pageSize: 10, hasMore: page * 10 < all.length }
    })
    await testUtils.queries.waitForQuerySelector('.jl-household')
    expect(testUtils.queries.querySelectorAll('.jl-household')).toHaveLength(10)
    expect(text(testUtils.queries.querySelector('.jl-paged__count'))).toBe('已显示 10 户')
    const more = [...testUtils.queries.querySelectorAll('.jl-paged .at-button')].find((b) => text(b) === '加载更多') as Element
    testUtils.fireEvent.click(more)
    await testUtils.queries.waitForQueryByAttribute('aria-label', '幸福小区1号楼 113，待走访，查看重点户')
    expect(testUtils.queries.querySelectorAll('.jl-household')).toHaveLength(13)
    expect(callMock).toHaveBeenCalledWith('visits', 'list', { scope: 'mine', page: 2, pageSize: 10 })
    expect(text(testUtils.queries.querySelector('.jl-paged__count'))).toBe('共 13 户')
  })

  it('gives staff this month’s coverage on the way to the overview, the community due list first, and the other lists as segments', async () => {
    await mountTab(staff, () => ({ items: [], page: 1, pageSize: 10, hasMore: false }))
    await testUtils.queries.waitForQuerySelector('.jl-state--empty')
    expect(callMock).toHaveBeenCalledWith('visits', 'list', { scope: 'community', due: 'due', page: 1, pageSize: 10 })
    expect([...testUtils.queries.querySelectorAll('.jl-segment')].map(text)).toEqual(['待走访', '已超期', '全部重点户', '我的包户'])
    expect(text(testUtils.queries.querySelector('.jl-state--empty'))).toContain('本社区暂无待走访的重点户')
    await testUtils.queries.waitForQuerySelector('.jl-coverage-entrance__figures')
    expect(callMock).toHaveBeenCalledWith('visits', 'coverage', { communityId: 'c-dongjie', month: expect.stringMatching(/^\d{4}-\d{2}$/) })
    const entrance = testUtils.queries.querySelector('.jl-coverage-entrance') as Element
    expect(text(entrance)).toContain('本月覆盖率 75%（按时走访 6 户 ÷ 重点户 8 户）')
    expect(text(entrance)).toContain('⚠ 当前超期 2 户')
    testUtils.fireEvent.click(entrance)
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/visits/overview/index' })
    expect(testUtils.queries.querySelectorAll('.jl-visits__links .at-button').length).toBe(0)

    testUtils.fireEvent.click(testUtils.queries.querySelectorAll('.jl-segment')[1])
    await waitFor(() => expect(callMock).toHaveBeenCalledWith('visits', 'list', { scope: 'community', due: 'overdue', page: 1, pageSize: 10 }))
  })

  it('gives the secretary the sensitive-read log as well', async () => {
    await mountTab(secretary, () => ({ items: [], page: 1, pageSize: 10, hasMore: false }))
    await testUtils.queries.waitForQuerySelector('.jl-visits__links')
    const links = [...testUtils.queries.querySelectorAll('.jl-visits__links .at-button')]
    expect(links.map(text)).toEqual(['敏感信息查阅记录'])
    expect(testUtils.queries.querySelector('.jl-coverage-entrance')).not.toBeNull()
    testUtils.fireEvent.click(links[0])
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/visits/reads/index' })
  })

  it('gives a grid worker 我的包户 first and a plain way to the overview, without reading coverage', async () => {
    await mountTab(makeMe({ openid: 'demo-grid-dongjie', name: '吴强', roles: [{ role: 'gridWorker', communityId: 'c-dongjie' }] }), () => ({ items: [], page: 1, pageSize: 10, hasMore: false }))
    await testUtils.queries.waitForQuerySelector('.jl-state--empty')
    expect(callMock).toHaveBeenCalledWith('visits', 'list', { scope: 'mine', page: 1, pageSize: 10 })
    expect([...testUtils.queries.querySelectorAll('.jl-visits__links .at-button')].map(text)).toEqual(['社区走访概况（覆盖率、重点户、包挂）'])
    expect(callMock).not.toHaveBeenCalledWith('visits', 'coverage', expect.anything())
  })

  it('tells a resident honestly what the tab is for, and lists nothing', async () => {
    await mountTab(resident, () => {
      throw new Error('a resident has no list')
    })
    const empty = await testUtils.queries.waitForQuerySelector('.jl-state--empty')
    expect(text(empty)).toContain('敲门行动由党员和网格员开展')
    expect(text(empty)).toContain('「派单」页提交诉求')
    expect(callMock).not.toHaveBeenCalledWith('visits', 'list', expect.anything())
  })

  it('shows the server’s message and 重试 when the list fails, and loads again', async () => {
    let fail = true
    await mountTab(member, () => {
      if (fail) throw new api.ApiCallError('FORBIDDEN', '您没有包挂的重点户')
      return { items: [makeSummary(1)], page: 1, pageSize: 10, hasMore: false }
    })
    const error = await testUtils.queries.waitForQuerySelector('.jl-state--error')
    expect(text(error)).toContain('您没有包挂的重点户')
    fail = false
    testUtils.fireEvent.click(error.querySelector('.at-button') as Element)
    await testUtils.queries.waitForQuerySelector('.jl-household')
  })
})

describe('重点户详情', () => {
  const mountDetail = async (detail: KeyHouseholdDetail, me: Me = member, staffView = false) => {
    answer({ 'org.me': () => me, 'visits.detail': () => detail })
    await testUtils.mount(() => (
      <SessionProvider>
        <Page>
          <HouseholdScreen id={detail.householdId} staff={staffView} />
        </Page>
      </SessionProvider>
    ))
    await testUtils.queries.waitForQuerySelector('.jl-household-detail')
  }
  const buttons = () => [...testUtils.queries.querySelectorAll('.jl-actions .at-button')].map(text)

  it('shows a paired visitor the care categories, notes and the full phone with 拨打, and only 记录走访', async () => {
    const call = jest.spyOn(Taro, 'makePhoneCall').mockResolvedValue({ errMsg: 'makePhoneCall:ok' })
    await mountDetail(makeDetail())
    expect(callMock).toHaveBeenCalledWith('visits', 'detail', { householdId: 'h-1' })
    const page = text(testUtils.queries.querySelector('.jl-household-detail'))
    expect(page).toContain('独居老人')
    expect(page).toContain('残疾人')
    expect(page).toContain('耳背，敲门要用力')
    expect(page).toContain('13800001234')
    expect(buttons()).toEqual(['记录走访'])
    const dial = [...testUtils.queries.querySelectorAll('.at-button')].find((b) => text(b) === '拨打 联系人1 的电话') as Element
    testUtils.fireEvent.click(dial)
    expect(call).toHaveBeenCalledWith({ phoneNumber: '13800001234' })
    testUtils.fireEvent.click(testUtils.queries.querySelector('.jl-actions .at-button') as Element)
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/visits/visit/index?id=h-1' })
  })

  it('shows a reader without care details a masked phone, no categories, no visits, no 拨打 and no buttons', async () => {
    await mountDetail(makeDetail({ care: null, allowedActions: [], recentVisits: [] }))
    const page = text(testUtils.queries.querySelector('.jl-household-detail'))
    expect(page).toContain('138****1234')
    expect(page).not.toMatch(/独居老人|耳背|13800001234|走访记录/)
    expect(page).toContain('只对这户的包户和本社区工作人员显示')
    expect(testUtils.queries.querySelector('.jl-actions')).toBeNull()
    expect([...testUtils.queries.querySelectorAll('.at-button')].map(text)).not.toContain('拨打 联系人1 的电话')
  })

  it('shows the latest visits in words, and the whole record page by page on request', async () => {
    const visit = (i: number, overrides: Partial<VisitView> = {}): VisitView => ({
      _id: `v-${i}`,
      householdId: 'h-1',
      at: daysFromNow(-i),
      month: '2026-11',
      visitor: { openid: 'demo-member-zhang', name: '张伟' },
      method: 'door',
      outcome: 'contact',
      wellbeing: 'good',
      notes: '',
      needs: [],
      photos: [],
      photoUrls: [],
      secretaryVisit: false,
      returnForDemandId: null,
      onTime: true,
      ...overrides,
    })
    const recent = [visit(1, { outcome: 'noContact', wellbeing: null }), visit(2, { needs: [{ category: 'facilities', text: '水管漏水', demandId: 'd-5' }], secretaryVisit: true })]
    const all = Array.from({ length: 12 }, (_, i) => visit(i + 1))
    await mountDetail(makeDetail({ recentVisits: recent }))
    answer({
      'org.me': () => member,
      'visits.listVisits': (p) => {
        const page = (p as { page: number }).page
        return { items: all.slice((page - 1) * 10, page * 10), page, pageSize: 10, hasMore: page * 10 < all.length }
      },
    })
    const items = [...testUtils.queries.querySelectorAll('.jl-visit')]
    expect(items.map((v) => text(v.querySelector('.jl-tag--strong')))).toEqual(['敲门未遇', '见到了'])
    expect(text(items[1])).toContain('书记敲门')
    expect(text(items[1])).toContain('发现困难（设施维修）：水管漏水 — 已转为诉求')
    testUtils.fireEvent.click([...testUtils.queries.querySelectorAll('.at-button')].find((b) => text(b) === '查看全部走访记录') as Element)
    await waitFor(() => expect(testUtils.queries.querySelectorAll('.jl-visit').length).toBe(10))
    expect(callMock).toHaveBeenCalledWith('visits', 'listVisits', { householdId: 'h-1', page: 1, pageSize: 10 })
    testUtils.fireEvent.click([...testUtils.queries.querySelectorAll('.at-button')].find((b) => text(b) === '加载更多') as Element)
    await waitFor(() => expect(testUtils.queries.querySelectorAll('.jl-visit').length).toBe(12))
  })

  it('renders staff exactly the allowed steps and a 记录回访 for each return visit owed', async () => {
    await mountDetail(
      makeDetail({
        allowedActions: ['recordVisit', 'secretaryVisit', 'updateKey', 'unmarkKey', 'pair', 'unpair'],
        returnsDue: [{ demandId: 'd-9', category: 'facilities', resolvedAt: daysFromNow(-1), dueBy: daysFromNow(2) }],
      }),
      secretary,
      true,
    )
    expect(buttons()).toEqual(['记录走访', '书记敲门', '安排包挂', '修改重点户信息', '取消重点户'])
    const owed = testUtils.queries.querySelector('.jl-return') as Element
    expect(text(owed)).toContain('设施维修诉求')
    testUtils.fireEvent.click(owed.querySelector('.at-button') as Element)
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/visits/visit/index?id=h-1&returnFor=d-9' })
    testUtils.fireEvent.click(testUtils.queries.querySelectorAll('.jl-actions .at-button')[1])
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/visits/visit/index?id=h-1&secretary=1' })
  })

  it('asks for a reason and a confirmation before 取消重点户, and sends nothing when cancelled', async () => {
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValueOnce(MODAL_CANCEL).mockResolvedValueOnce(MODAL_OK)
    await mountDetail(makeDetail({ allowedActions: ['unmarkKey'] }), staff, true)
    answer({ 'org.me': () => staff, 'visits.detail': () => makeDetail(), 'visits.unmarkKey': () => ({ householdId: 'h-1', active: false }) })
    testUtils.fireEvent.click(testUtils.queries.querySelector('.jl-actions .at-button') as Element)
    const confirmButton = () => [...testUtils.queries.querySelectorAll('.jl-actions .at-button')].find((b) => text(b) === '确认取消重点户') as Element
    await waitFor(() => expect(confirmButton()).toBeTruthy())
    testUtils.fireEvent.click(confirmButton())
    await waitFor(() => expect(text(testUtils.queries.querySelector('.jl-form-error'))).toBe('请写明取消的原因'))

    await waitFor(() => expect(testUtils.queries.querySelector('.jl-actions textarea')).not.toBeNull())
    const field = testUtils.queries.querySelector('.jl-actions textarea') as HTMLTextAreaElement
    field.value = '已搬离本社区'
    field.dispatchEvent(new Event('input', { bubbles: true }))
    await waitFor(() => expect(text(testUtils.queries.querySelector('.jl-field__count'))).toBe('6/200'))
    testUtils.fireEvent.click(confirmButton())
    await waitFor(() => expect(modal).toHaveBeenCalledTimes(1))
    expect(callMock).not.toHaveBeenCalledWith('visits', 'unmarkKey', expect.anything())
    testUtils.fireEvent.click(confirmButton())
    await waitFor(() => expect(callMock).toHaveBeenCalledWith('visits', 'unmarkKey', { householdId: 'h-1', reason: '已搬离本社区' }))
    await waitFor(() => expect(Taro.navigateBack).toHaveBeenCalled())
  })
})

describe('记录走访', () => {
  let recorded: RecordVisitRequest[]

  const mountForm = async (detail: KeyHouseholdDetail, props: { returnFor?: string; secretary?: boolean } = {}, me: Me = member) => {
    recorded = []
    answer({
      'org.me': () => me,
      'visits.detail': () => detail,
      'visits.recordVisit': (p) => {
        recorded.push(p as RecordVisitRequest)
        return { visit: {}, household: makeSummary(1), demandIds: (p as RecordVisitRequest).needs?.map((_, i) => `d-new-${i}`) ?? [] }
      },
    })
    await testUtils.mount(() => (
      <SessionProvider>
        <Page>
          <VisitForm id={detail.householdId} returnFor={props.returnFor ?? ''} secretary={props.secretary ?? false} />
        </Page>
      </SessionProvider>
    ))
    await testUtils.queries.waitForQuerySelector('.jl-submit')
  }

  /** The n-th group of large choices, by its section title. */
  const choose = (section: string, choice: string) => {
    const s = [...testUtils.queries.querySelectorAll('.jl-section')].find((el) => text(el.querySelector('.jl-section__title')) === section) as Element
    const c = [...s.querySelectorAll('.jl-choice')].find((el) => text(el.querySelector('.jl-choice__title')) === choice) as Element
    testUtils.fireEvent.click(c)
  }
  const sectionTitles = () => [...testUtils.queries.querySelectorAll('.jl-section__title')].map(text)
  const typeInto = async (index: number, value: string) => {
    // Every field drawn (Taro's H5 textarea renders its native field a moment later).
    await waitFor(() => expect(testUtils.queries.querySelectorAll('.jl-textarea textarea').length).toBe(testUtils.queries.querySelectorAll('.jl-textarea').length))
    const field = testUtils.queries.querySelectorAll('.jl-textarea textarea')[index] as HTMLTextAreaElement
    field.value = value
    field.dispatchEvent(new Event('input', { bubbles: true }))
    await waitFor(() => expect(text(field.closest('.jl-field')?.querySelector('.jl-field__count') ?? null)).toBe(`${value.length}/200`))
  }

  it('says what is missing, and asks for wellbeing only once someone was met', async () => {
    await mountForm(makeDetail())
    expect(sectionTitles()).toEqual(['走访', '1. 怎么走访的', '2. 见到人了吗', '3. 走访记录'])
    testUtils.fireEvent.click(testUtils.queries.querySelector('.jl-submit') as Element)
    await waitFor(() => expect(text(testUtils.queries.querySelector('.jl-form-error'))).toBe('请选择见到人了没有'))
    choose('2. 见到人了吗', '见到了')
    await waitFor(() => expect(sectionTitles()).toEqual(['走访', '1. 怎么走访的', '2. 见到人了吗', '3. 身体和生活情况', '4. 有没有需要帮忙的事', '5. 走访记录']))
    testUtils.fireEvent.click(testUtils.queries.querySelector('.jl-submit') as Element)
    await waitFor(() => expect(text(testUtils.queries.querySelector('.jl-form-error'))).toBe('请选择身体和生活情况'))
    expect(recorded).toEqual([])
  })

  it('records 敲门未遇 by phone without wellbeing, after saying the due date stays', async () => {
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValue(MODAL_OK)
    await mountForm(makeDetail())
    choose('1. 怎么走访的', '电话')
    choose('2. 见到人了吗', '敲门未遇')
    testUtils.fireEvent.click(testUtils.queries.querySelector('.jl-submit') as Element)
    await waitFor(() => expect(recorded).toHaveLength(1))
    expect(modal.mock.calls[0][0]?.content).toContain('走访时间不变')
    expect(recorded[0]).toEqual({ householdId: 'h-1', method: 'phone', outcome: 'noContact', requestId: expect.stringMatching(/^r-/) })
    await waitFor(() => expect(Taro.navigateBack).toHaveBeenCalled())
  })

  it('records a door visit with wellbeing, notes and a need found, which the confirmation says becomes a demand', async () => {
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValue(MODAL_OK)
    await mountForm(makeDetail())
    choose('2. 见到人了吗', '见到了')
    await waitFor(() => expect(sectionTitles()).toContain('3. 身体和生活情况'))
    choose('3. 身体和生活情况', '一般')
    testUtils.fireEvent.click(testUtils.queries.querySelector('.jl-toggle') as Element)
    await waitFor(() => expect(testUtils.queries.querySelector('.jl-need')).not.toBeNull())
    const need = testUtils.queries.querySelector('.jl-need') as Element
    testUtils.fireEvent.click([...need.querySelectorAll('.jl-choice')].find((c) => text(c.querySelector('.jl-choice__title')) === '设施维修') as Element)
    await typeInto(0, '厨房水管漏水，老人没法自己修')
    await typeInto(1, '老人精神不错')
    testUtils.fireEvent.click(testUtils.queries.querySelector('.jl-submit') as Element)
    await waitFor(() => expect(recorded).toHaveLength(1))
    expect(modal.mock.calls[0][0]?.content).toContain('转成诉求')
    expect(recorded[0]).toEqual({
      householdId: 'h-1',
      method: 'door',
      outcome: 'contact',
      wellbeing: 'fair',
      notes: '老人精神不错',
      needs: [{ category: 'facilities', text: '厨房水管漏水，老人没法自己修' }],
      requestId: expect.stringMatching(/^r-/),
    })
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith({ title: '已保存，困难已转为诉求', icon: 'none' }))
  })

  it('records yesterday\'s visit with two needs found, each becoming a demand', async () => {
    jest.spyOn(Taro, 'showModal').mockResolvedValue(MODAL_OK)
    await mountForm(makeDetail())
    choose('2. 见到人了吗', '见到了')
    await waitFor(() => expect(sectionTitles()).toContain('3. 身体和生活情况'))
    choose('3. 身体和生活情况', '良好')
    testUtils.fireEvent.click(testUtils.queries.querySelector('.jl-toggle') as Element)
    await waitFor(() => expect(testUtils.queries.querySelectorAll('.jl-need')).toHaveLength(1))
    testUtils.fireEvent.click([...testUtils.queries.querySelectorAll('.at-button')].find((b) => text(b) === '还有别的困难，再添一项') as Element)
    await waitFor(() => expect(testUtils.queries.querySelectorAll('.jl-need')).toHaveLength(2))
    const needs = [...testUtils.queries.querySelectorAll('.jl-need')]
    const pick = (need: Element, title: string) => testUtils.fireEvent.click([...need.querySelectorAll('.jl-choice')].find((c) => text(c.querySelector('.jl-choice__title')) === title) as Element)
    pick(needs[0], '设施维修')
    pick(needs[1], '养老助老')
    await typeInto(0, '厨房水管漏水')
    await typeInto(1, '想请人陪同去医院复查')
    testUtils.fireEvent.click([...testUtils.queries.querySelectorAll('.jl-segment')].find((x) => text(x) === '昨天') as Element)
    testUtils.fireEvent.click(testUtils.queries.querySelector('.jl-submit') as Element)
    await waitFor(() => expect(recorded).toHaveLength(1))
    const yesterday = new Date(Date.now() + 8 * 3600_000 - 86_400_000).toISOString().slice(0, 10)
    expect(recorded[0]).toMatchObject({
      at: `${yesterday}T12:00:00+08:00`,
      needs: [
        { category: 'facilities', text: '厨房水管漏水' },
        { category: 'elderlyCare', text: '想请人陪同去医院复查' },
      ],
    })
  })

  it('makes the visit the 回访 for the demand it was opened for', async () => {
    jest.spyOn(Taro, 'showModal').mockResolvedValue(MODAL_OK)
    await mountForm(makeDetail({ returnsDue: [{ demandId: 'd-9', category: 'facilities', resolvedAt: daysFromNow(-1), dueBy: daysFromNow(2) }] }), { returnFor: 'd-9' })
    expect(text(testUtils.queries.querySelector('.jl-return__what'))).toContain('回访「设施维修」诉求')
    expect(text(testUtils.queries.querySelector('.jl-submit'))).toBe('保存回访')
    choose('2. 见到人了吗', '见到了')
    await waitFor(() => expect(sectionTitles()).toContain('3. 身体和生活情况'))
    choose('3. 身体和生活情况', '良好')
    testUtils.fireEvent.click(testUtils.queries.querySelector('.jl-submit') as Element)
    await waitFor(() => expect(recorded).toHaveLength(1))
    expect(recorded[0]).toMatchObject({ outcome: 'contact', wellbeing: 'good', returnForDemandId: 'd-9' })
  })

  it('offers 书记敲门 only where the server allows it, on when opened as 书记敲门', async () => {
    jest.spyOn(Taro, 'showModal').mockResolvedValue(MODAL_OK)
    await mountForm(makeDetail({ allowedActions: ['recordVisit', 'secretaryVisit'] }), { secretary: true }, secretary)
    const toggle = testUtils.queries.querySelector('.jl-toggle') as Element
    expect(toggle.getAttribute('aria-label')).toBe('书记敲门，已开启')
    choose('2. 见到人了吗', '敲门未遇')
    testUtils.fireEvent.click(testUtils.queries.querySelector('.jl-submit') as Element)
    await waitFor(() => expect(recorded).toHaveLength(1))
    expect(recorded[0]).toMatchObject({ secretaryVisit: true, outcome: 'noContact' })
  })

  it('asks for less in 长辈模式: the day, notes and photos wait behind one button', async () => {
    await mountForm(makeDetail(), {}, { ...member, elderMode: true })
    await waitFor(() => expect(testUtils.queries.querySelector('.jl-page')?.classList.contains('jl-theme--elder')).toBe(true))
    expect(testUtils.queries.querySelector('.jl-textarea')).toBeNull()
    const more = [...testUtils.queries.querySelectorAll('.at-button')].find((b) => text(b) === '补记哪天走访、写情况说明、拍照（可不填）') as Element
    testUtils.fireEvent.click(more)
    await waitFor(() => expect(testUtils.queries.querySelectorAll('.jl-textarea').length).toBe(1))
    expect(text(testUtils.queries.querySelector('.jl-photos__add'))).toContain('添加照片')
  })

  it('says so, and shows no form, when the server allows no visit', async () => {
    answer({ 'org.me': () => resident, 'visits.detail': () => makeDetail({ allowedActions: [] }) })
    await testUtils.mount(() => (
      <SessionProvider>
        <VisitForm id='h-1' returnFor='' secretary={false} />
      </SessionProvider>
    ))
    const empty = await testUtils.queries.waitForQuerySelector('.jl-state--empty')
    expect(text(empty)).toContain('现在不能记录走访')
    expect(testUtils.queries.querySelector('.jl-submit')).toBeNull()
  })
})

describe('安排包挂 and coverage', () => {
  it('pairs a candidate after a confirmation, not before, and leaves out whoever is already paired', async () => {
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValueOnce(MODAL_CANCEL).mockResolvedValueOnce(MODAL_OK)
    const paired = makeDetail({ allowedActions: ['pair', 'unpair'] })
    answer({
      'org.me': () => staff,
      'visits.detail': () => paired,
      'visits.visitorCandidates': () => ({
        items: [
          { openid: 'demo-member-zhang', name: '张伟', kind: 'member', unitId: 'unit-renshe' },
          { openid: 'demo-grid-dongjie', name: '吴强', kind: 'gridWorker', unitId: null },
        ],
        page: 1,
        pageSize: 20,
        hasMore: false,
      }),
      'visits.pair': () => ({ ...paired, visitors: [...paired.visitors, { openid: 'demo-grid-dongjie', name: '吴强', kind: 'gridWorker', since: NOW.toISOString() }] }),
    })
    await testUtils.mount(() => (
      <SessionProvider>
        <PairingScreen id='h-1' />
      </SessionProvider>
    ))
    const pairButton = () => [...testUtils.queries.querySelectorAll('.at-button')].find((b) => text(b) === '安排吴强包挂') as Element
    await waitFor(() => expect(pairButton()).toBeTruthy())
    expect([...testUtils.queries.querySelectorAll('.at-button')].map(text)).not.toContain('安排张伟包挂')
    expect([...testUtils.queries.querySelectorAll('.at-button')].map(text)).toContain('解除张伟的包挂')

    testUtils.fireEvent.click(pairButton())
    await waitFor(() => expect(modal).toHaveBeenCalledTimes(1))
    expect(callMock).not.toHaveBeenCalledWith('visits', 'pair', expect.anything())
    testUtils.fireEvent.click(pairButton())
    await waitFor(() => expect(callMock).toHaveBeenCalledWith('visits', 'pair', { householdId: 'h-1', visitorOpenid: 'demo-grid-dongjie' }))
    await waitFor(() => expect([...testUtils.queries.querySelectorAll('.at-button')].map(text)).toContain('解除吴强的包挂'))
  })

  it('shows coverage as a rate with what it is made of, overdue with a word, and visits per visitor', async () => {
    answer({ 'visits.coverage': () => COVERAGE })
    const onVisitor = jest.fn()
    await testUtils.mount(() => <CoverageView communityId='c-dongjie' onVisitor={onVisitor} />)
    await testUtils.queries.waitForQuerySelector('.jl-coverage-figure')
    expect(callMock).toHaveBeenCalledWith('visits', 'coverage', { communityId: 'c-dongjie', month: expect.stringMatching(/^\d{4}-\d{2}$/) })
    const figures = [...testUtils.queries.querySelectorAll('.jl-coverage-figure')].map(text)
    expect(figures[0]).toBe('覆盖率75%按时走访 6 户 ÷ 重点户 8 户')
    expect(figures[1]).toBe('当前超期2 户⚠ 超过走访时间未见到')
    expect(text(testUtils.queries.querySelector('.jl-visitor-row'))).toContain('张伟走访 6 次，见到 5 次')
    testUtils.fireEvent.click(testUtils.queries.querySelector('.jl-visitor-row .at-button') as Element)
    expect(onVisitor).toHaveBeenCalledWith('demo-member-zhang', '张伟')
  })
})

describe('重点户信息', () => {
  const mountUpdate = async (detail: KeyHouseholdDetail, save: (p: unknown) => unknown, ready = '.jl-submit') => {
    answer({ 'org.me': () => staff, 'visits.detail': () => detail, 'visits.updateKey': save })
    await testUtils.mount(() => (
      <SessionProvider>
        <Page>
          <KeyForm me={staff} id={detail.householdId} />
        </Page>
      </SessionProvider>
    ))
    await testUtils.queries.waitForQuerySelector(ready)
  }
  const category = (name: string) => [...testUtils.queries.querySelectorAll('.jl-check')].find((c) => text(c.querySelector('.jl-choice__title')) === name) as Element

  it('opens with the current fields (the full phone too), and sends the change after a confirmation', async () => {
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValue(MODAL_OK)
    const sent: unknown[] = []
    await mountUpdate(makeDetail({ allowedActions: ['updateKey'] }), (p) => {
      sent.push(p)
      return makeDetail({ careLevel: 'monthly' })
    })
    expect(category('独居老人').getAttribute('aria-label')).toBe('独居老人，已选')
    expect(category('残疾人').getAttribute('aria-label')).toBe('残疾人，已选')
    await waitFor(() => expect([...testUtils.queries.querySelectorAll('.at-input input')].map((i) => (i as HTMLInputElement).value)).toEqual(['联系人1', '13800001234']))
    testUtils.fireEvent.click(category('残疾人'))
    const monthly = [...testUtils.queries.querySelectorAll('.jl-choice')].find((c) => text(c.querySelector('.jl-choice__title')) === '每月走访') as Element
    testUtils.fireEvent.click(monthly)
    testUtils.fireEvent.click(testUtils.queries.querySelector('.jl-submit') as Element)
    await waitFor(() => expect(sent.length).toBe(1))
    expect(modal).toHaveBeenCalledTimes(1)
    expect(sent[0]).toEqual({ householdId: 'h-1', categories: ['livingAlone'], careLevel: 'monthly', contactName: '联系人1', contactPhone: '13800001234', notes: '耳背，敲门要用力' })
    await waitFor(() => expect(Taro.navigateBack).toHaveBeenCalled())
  })

  it('refuses to send without a category, and says so', async () => {
    const sent: unknown[] = []
    await mountUpdate(makeDetail({ allowedActions: ['updateKey'], care: { categories: ['other'], contactPhone: '13800001234', notes: '' } }), (p) => sent.push(p))
    testUtils.fireEvent.click(category('其他'))
    testUtils.fireEvent.click(testUtils.queries.querySelector('.jl-submit') as Element)
    await waitFor(() => expect(text(testUtils.queries.querySelector('.jl-form-error'))).toBe('请至少选一个关爱类别'))
    expect(sent).toEqual([])
  })

  it('says so, with no form, to someone the server does not let change the household', async () => {
    await mountUpdate(makeDetail({ allowedActions: ['recordVisit'] }), () => undefined, '.jl-state--empty')
    const empty = testUtils.queries.querySelector('.jl-state--empty')
    expect(text(empty)).toContain('不能修改这户的信息')
    expect(testUtils.queries.querySelector('.jl-submit')).toBeNull()
  })
})

describe('敏感信息查阅记录', () => {
  it('leads the secretary from a household to its reads, and lists who read it, as what, and when', async () => {
    answer({ 'org.me': () => secretary, 'visits.detail': () => makeDetail({ allowedActions: ['recordVisit', 'secretaryVisit'] }) })
    await testUtils.mount(() => (
      <SessionProvider>
        <HouseholdScreen id='h-1' staff secretaryOf={['c-dongjie']} />
      </SessionProvider>
    ))
    const link = await testUtils.queries.waitForQueryByAttribute('aria-label', '查看这户的查阅记录')
    testUtils.fireEvent.click(link)
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/visits/reads/index?id=h-1' })
  })

  it('lists one household’s reads for the secretary, and tells anyone else it is the secretary’s', async () => {
    answer({
      'org.me': () => secretary,
      'visits.sensitiveReads': () => ({
        items: [
          { _id: 'r-2', householdId: 'h-1', address: '幸福小区1号楼 101', communityId: 'c-dongjie', reader: { openid: 'demo-member-zhang', name: '张伟' }, readerRole: 'visitor', action: 'detail', at: '2026-11-23T02:05:00.000Z' },
          { _id: 'r-1', householdId: 'h-1', address: '幸福小区1号楼 101', communityId: 'c-dongjie', reader: { openid: 'demo-staff-dongjie', name: '周芳' }, readerRole: 'staff', action: 'updateKey', at: '2026-11-22T02:05:00.000Z' },
        ],
        page: 1,
        pageSize: 20,
        hasMore: false,
      }),
    })
    await testUtils.mount(() => (
      <SessionProvider>
        <ReadsScreen me={secretary} householdId='h-1' />
      </SessionProvider>
    ))
    await testUtils.queries.waitForQuerySelector('.jl-claim')
    expect(callMock).toHaveBeenCalledWith('visits', 'sensitiveReads', { communityId: 'c-dongjie', householdId: 'h-1', page: 1, pageSize: 20 })
    expect([...testUtils.queries.querySelectorAll('.jl-claim__name')].map(text)).toEqual(['张伟（包户）查看了重点户详情', '周芳（社区工作者）修改重点户信息时查看'])
    expect(text(testUtils.queries.querySelector('.jl-claim__meta'))).toBe('11月23日 10:05')
    testUtils.unmout()
    document.body.innerHTML = ''
    testUtils = new TestUtils()
    await testUtils.mount(() => (
      <SessionProvider>
        <ReadsScreen me={staff} />
      </SessionProvider>
    ))
    const empty = await testUtils.queries.waitForQuerySelector('.jl-state--empty')
    expect(text(empty)).toContain('只有书记可以查看')
  })
})

describe('visitAt: the day a visit happened, in China days', () => {
  it('is now (undefined) for today, and noon China time of the day before for 昨天, across UTC midnight', () => {
    const justAfterMidnightCst = new Date('2026-11-23T16:30:00Z') // 24 Nov 00:30 in China
    expect(visitAt(0, justAfterMidnightCst)).toBeUndefined()
    expect(visitAt(1, justAfterMidnightCst)).toBe('2026-11-23T12:00:00+08:00')
    expect(visitAt(2, new Date('2026-03-01T02:00:00Z'))).toBe('2026-02-27T12:00:00+08:00')
  })
})
