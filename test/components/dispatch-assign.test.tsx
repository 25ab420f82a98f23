/**
 * 指派党员 (a unit's liaison assigns members from the demand's detail page) and 代居民反映 (community
 * staff report on a resident's behalf), through the real components with `call` mocked.
 */
import TestUtils from '@tarojs/test-utils-react'
import Taro from '@tarojs/taro'

import type { OrgApi } from '@/types/api'
import type { DemandDetail } from '@/types/dispatch'
import type { Me, UserSummary } from '@/types/domain'

import Page from '../../src/components/Page'
import DetailScreen from '../../src/packages/dispatch/components/DetailScreen'
import ReportForm from '../../src/packages/dispatch/components/ReportForm'
import * as api from '../../src/services/api'
import { SessionProvider } from '../../src/store/session'
import { makeMe } from './fixtures'
import { answer, callMock, MODAL_CANCEL, MODAL_OK, text, waitFor } from './helpers'

jest.mock('../../src/services/api', () => {
  const actual = jest.requireActual('../../src/services/api')
  return { ...actual, call: jest.fn(), listDevUsers: jest.fn() }
})

type ListUsersReq = OrgApi['listUsers']['req']

/** One page of `people` as org.listUsers serves it. */
function pageOf(people: UserSummary[], req: ListUsersReq) {
  const page = req.page ?? 1
  const pageSize = req.pageSize ?? 20
  return { items: people.slice((page - 1) * pageSize, page * pageSize), total: people.length, page, pageSize }
}

const person = (openid: string, name: string, phone: string, roles: UserSummary['roles'], extra: Partial<UserSummary> = {}): UserSummary => ({
  openid,
  name,
  phone,
  roles,
  communityId: 'c-dongjie',
  unitId: null,
  ...extra,
})

// ---- 指派党员 -----------------------------------------------------------------------------------

const LIAISON: Me = makeMe({
  openid: 'demo-liaison-renshe',
  name: '赵敏',
  roles: [{ role: 'resident' }, { role: 'liaison', unitId: 'unit-renshe' }, { role: 'member', unitId: 'unit-renshe' }],
  unit: { _id: 'unit-renshe', name: '县人社局', communities: [{ _id: 'c-dongjie', name: '东街社区' }] },
})

const member = (openid: string, name: string, phone: string) => person(openid, name, phone, [{ role: 'resident' }, { role: 'member', unitId: 'unit-renshe' }], { unitId: 'unit-renshe' })

const UNIT_PEOPLE: UserSummary[] = [
  member('demo-member-chen', '陈静', '138****2002'),
  member('demo-member-zhang', '张伟', '138****2001'),
  member('o-member-gao', '高峰', '138****2004'),
  member('demo-liaison-renshe', '赵敏', '138****3001'),
]

/** An accepted demand of 县人社局 for 3, one slot taken by 张伟: 2 free. */
function accepted(overrides: Partial<DemandDetail> = {}): DemandDetail {
  return {
    _id: 'd-zhang',
    kind: 'demand',
    category: 'elderlyCare',
    text: '独居老人张奶奶需要有人帮忙办理养老金资格认证。',
    urgency: 'normal',
    status: 'accepted',
    communityId: 'c-dongjie',
    unitId: 'unit-renshe',
    slots: 3,
    claimedCount: 1,
    createdAt: '2025-05-03T06:05:00.000Z',
    overdue: false,
    finishBy: '2025-05-10T07:00:00.000Z',
    submitterName: '王秀英',
    photos: [],
    anonymous: false,
    submitterPhone: null,
    dispatch: {
      unitId: 'unit-renshe',
      offeredTo: ['unit-renshe'],
      slots: 3,
      expectedHours: 2,
      dispatchedAt: '2025-05-03T07:00:00.000Z',
      month: '2025-05',
      acceptBy: '2025-05-04T07:00:00.000Z',
      finishBy: '2025-05-10T07:00:00.000Z',
      acceptedAt: '2025-05-03T08:00:00.000Z',
      acceptedWithinSla: true,
    },
    unitNames: { 'unit-renshe': '县人社局' },
    claims: [{ openid: 'demo-member-zhang', name: '张伟', at: '2025-05-03T09:00:00.000Z', by: 'self', done: false, hours: null }],
    completion: null,
    rating: null,
    reopenCount: 0,
    mergedInto: null,
    escalatedAt: null,
    returnVisits: [],
    timeline: [{ at: '2025-05-03T06:05:00.000Z', actor: 'demo-resident-wang', actorName: '王秀英', event: 'submit', from: null, to: 'submitted' }],
    allowedActions: ['assign'],
    ...overrides,
  } as DemandDetail
}

describe('指派党员', () => {
  let testUtils: TestUtils

  beforeEach(() => {
    localStorage.setItem('jinlin.openid', LIAISON.openid)
    testUtils = new TestUtils()
    callMock.mockReset()
    jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  })

  afterEach(() => {
    testUtils.unmout()
    document.body.innerHTML = ''
    localStorage.clear()
    jest.restoreAllMocks()
  })

  const mount = async (detail: DemandDetail, table: Record<string, (payload: unknown) => unknown> = {}) => {
    answer({
      'org.me': () => LIAISON,
      'dispatch.detail': () => detail,
      'org.listUsers': (req) => pageOf(UNIT_PEOPLE, req as ListUsersReq),
      ...table,
    })
    await testUtils.mount(() => (
      <SessionProvider>
        <Page>
          <DetailScreen id={detail._id} />
        </Page>
      </SessionProvider>
    ))
    await testUtils.queries.waitForQuerySelector('.jl-timeline')
  }

  const button = (label: string) => [...testUtils.queries.querySelectorAll('.at-button')].find((b) => text(b) === label) as Element
  const rows = () => [...testUtils.queries.querySelectorAll('.jl-check')]
  const row = (name: string) => rows().find((r) => text(r.querySelector('.jl-choice__title')).startsWith(name)) as Element

  const openPicker = async () => {
    testUtils.fireEvent.click(button('指派党员'))
    await testUtils.queries.waitForQuerySelector('.jl-check')
  }

  it('shows the liaison 指派党员 when the server allows it, and nothing of it when not', async () => {
    await mount(accepted())
    expect([...testUtils.queries.querySelectorAll('.jl-actions .at-button')].map(text)).toEqual(['指派党员'])
    testUtils.unmout()
    document.body.innerHTML = ''
    testUtils = new TestUtils()
    await mount(accepted({ allowedActions: [] }))
    expect(testUtils.queries.querySelector('.jl-actions')).toBeNull()
  })

  it("lists the unit's members but not those who already claimed, and allows no more than the free slots", async () => {
    await mount(accepted())
    await openPicker()
    expect(callMock).toHaveBeenCalledWith('org', 'listUsers', { unitId: 'unit-renshe', role: 'member', page: 1, pageSize: 50 })
    // 张伟 already holds a claim; the liaison (also a member) is marked as themselves.
    expect(rows().map((r) => text(r.querySelector('.jl-choice__title')))).toEqual(['陈静', '高峰', '赵敏（您本人）'])
    expect(text(row('陈静'))).toContain('138****2002')
    expect(text(testUtils.queries.querySelector('.jl-assign__count'))).toBe('还可指派 2 人，已选 0 人')

    testUtils.fireEvent.click(row('陈静'))
    testUtils.fireEvent.click(row('高峰'))
    await waitFor(() => expect(text(testUtils.queries.querySelector('.jl-assign__count'))).toBe('还可指派 2 人，已选 2 人'))
    // Full: the third cannot be chosen, and says so.
    expect(row('赵敏').getAttribute('aria-disabled')).toBe('true')
    testUtils.fireEvent.click(row('赵敏'))
    await new Promise((r) => setTimeout(r, 50))
    expect(row('赵敏').getAttribute('aria-checked')).toBe('false')
    expect(text(row('陈静'))).toContain('已选')
    expect(text(testUtils.queries.querySelector('.jl-panel'))).toContain('已选满 2 人')

    // Taking one back frees the choice again.
    testUtils.fireEvent.click(row('高峰'))
    await waitFor(() => expect(row('赵敏').getAttribute('aria-disabled')).toBe('false'))
  })

  it('asks first, sends the chosen openids, and shows the demand as the server returns it', async () => {
    const after = accepted({
      claimedCount: 3,
      allowedActions: [],
      claims: [
        ...accepted().claims,
        { openid: 'demo-member-chen', name: '陈静', at: '2025-05-04T09:00:00.000Z', by: 'liaison', done: false, hours: null },
        { openid: 'o-member-gao', name: '高峰', at: '2025-05-04T09:00:00.000Z', by: 'liaison', done: false, hours: null },
      ],
    })
    await mount(accepted(), { 'dispatch.assign': () => after })
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValueOnce(MODAL_CANCEL).mockResolvedValueOnce(MODAL_OK)

    await openPicker()
    // Nothing chosen: said plainly, nothing sent.
    testUtils.fireEvent.click(button('确认指派党员'))
    await waitFor(() => expect(text(testUtils.queries.querySelector('.jl-form-error'))).toBe('请至少选择一位党员'))
    expect(modal).not.toHaveBeenCalled()

    testUtils.fireEvent.click(row('陈静'))
    testUtils.fireEvent.click(row('高峰'))
    await waitFor(() => expect(text(testUtils.queries.querySelector('.jl-assign__count'))).toBe('还可指派 2 人，已选 2 人'))
    // Cancelled at the confirmation: nothing sent.
    testUtils.fireEvent.click(button('确认指派党员'))
    await waitFor(() => expect(modal).toHaveBeenCalledTimes(1))
    expect(modal.mock.calls[0][0]).toMatchObject({ title: '指派党员', content: expect.stringContaining('陈静、高峰') })
    expect(callMock).not.toHaveBeenCalledWith('dispatch', 'assign', expect.anything())

    testUtils.fireEvent.click(button('确认指派党员'))
    await waitFor(() => expect(callMock).toHaveBeenCalledWith('dispatch', 'assign', { id: 'd-zhang', memberOpenids: ['demo-member-chen', 'o-member-gao'] }))
    await waitFor(() => expect(testUtils.queries.querySelector('.jl-actions')).toBeNull())
    const claims = [...testUtils.queries.querySelectorAll('.jl-claim__name')].map(text)
    expect(claims).toEqual(['张伟', '陈静', '高峰'])
    expect(text(testUtils.queries.querySelector('.jl-detail'))).toContain('联络员指派')
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '已指派', icon: 'none' })
  })

  it("shows the server's refusal in its own words", async () => {
    await mount(accepted(), {
      'dispatch.assign': () => {
        throw new api.ApiCallError('INVALID_STATE', '名额不足：还剩 1 个')
      },
    })
    jest.spyOn(Taro, 'showModal').mockResolvedValue(MODAL_OK)
    await openPicker()
    testUtils.fireEvent.click(row('陈静'))
    testUtils.fireEvent.click(button('确认指派党员'))
    await waitFor(() => expect(text(testUtils.queries.querySelector('.jl-form-error'))).toBe('名额不足：还剩 1 个'))
    // The panel stays open with the choice, to try again.
    expect(text(row('陈静'))).toContain('已选')
  })

  it('pages the unit 50 at a time, and shows a load error with 重试', async () => {
    const many = Array.from({ length: 60 }, (_, i) => member(`o-m-${String(i).padStart(2, '0')}`, `党员${String(i).padStart(2, '0')}`, '138****0000'))
    let fail = true
    await mount(accepted(), {
      'org.listUsers': (req) => {
        if (fail) throw new api.ApiCallError('FORBIDDEN', '您只能查看本单位的人员')
        return pageOf(many, req as ListUsersReq)
      },
    })
    testUtils.fireEvent.click(button('指派党员'))
    const error = await testUtils.queries.waitForQuerySelector('.jl-panel .jl-state--error')
    expect(text(error)).toContain('您只能查看本单位的人员')
    fail = false
    testUtils.fireEvent.click(error.querySelector('.at-button') as Element)
    await testUtils.queries.waitForQuerySelector('.jl-check')
    expect(rows().length).toBe(50)
    testUtils.fireEvent.click(button('加载更多'))
    await waitFor(() => expect(rows().length).toBe(60))
    expect(callMock).toHaveBeenCalledWith('org', 'listUsers', { unitId: 'unit-renshe', role: 'member', page: 2, pageSize: 50 })
    expect(button('加载更多')).toBeUndefined()
  })

  it('offers 指派党员 exactly when the server lists it: a full task comes without it, and the page never re-derives the slots', async () => {
    // The server's guard refuses assign once every slot is taken (core/demand.ts), so it is not listed.
    await mount(accepted({ claimedCount: 3, allowedActions: ['complete'] }))
    expect([...testUtils.queries.querySelectorAll('.jl-actions .at-button')].map(text)).toEqual(['办结'])
    testUtils.unmout()
    document.body.innerHTML = ''
    testUtils = new TestUtils()
    // Whatever the server lists is shown as it is: the buttons come from allowedActions alone.
    await mount(accepted({ allowedActions: ['assign', 'complete'] }))
    expect([...testUtils.queries.querySelectorAll('.jl-actions .at-button')].map(text)).toEqual(['指派党员', '办结'])
  })
})

// ---- 代居民反映 ---------------------------------------------------------------------------------

const STAFF: Me = makeMe({ openid: 'demo-staff-dongjie', name: '周芳', building: { _id: 'b-xingfu-3', name: '幸福小区3号楼' } })

const RESIDENTS: UserSummary[] = [
  person('demo-resident-wang', '王秀英', '138****1001', [{ role: 'resident' }]),
  person('demo-staff-dongjie', '周芳', '138****4001', [{ role: 'resident' }, { role: 'staff', communityId: 'c-dongjie' }]),
  person('o-resident-he', '何大爷', '', [{ role: 'resident' }]),
]

describe('我要反映 · 代居民反映', () => {
  let testUtils: TestUtils

  beforeEach(() => {
    testUtils = new TestUtils()
    callMock.mockReset()
    jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' })
    jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  })

  afterEach(() => {
    testUtils.unmout()
    document.body.innerHTML = ''
    localStorage.clear()
    jest.restoreAllMocks()
  })

  const mountForm = async (me: Me, people: UserSummary[] = RESIDENTS) => {
    localStorage.setItem('jinlin.openid', me.openid)
    answer({
      'org.me': () => me,
      'org.listUsers': (req) => pageOf(people, req as ListUsersReq),
      'dispatch.submit': () => ({ _id: 'd-new' }),
    })
    await testUtils.mount(() => (
      <SessionProvider>
        <Page>
          <ReportForm me={me} />
        </Page>
      </SessionProvider>
    ))
    await testUtils.queries.waitForQuerySelector('.jl-choice')
  }

  const titles = () => [...testUtils.queries.querySelectorAll('.jl-section__title')].map(text)
  const group = (i: number) => [...testUtils.queries.querySelectorAll('.jl-choices')[i].querySelectorAll('.jl-choice')]
  const choice = (title: string) => [...testUtils.queries.querySelectorAll('.jl-choice')].find((c) => text(c.querySelector('.jl-choice__title')) === title) as Element
  const residentRows = () => [...testUtils.queries.querySelectorAll('.jl-residents .jl-choice')]

  async function fill(category: string, value: string) {
    testUtils.fireEvent.click(choice(category))
    const field = (await testUtils.queries.waitForQuerySelector('.jl-textarea')).querySelector('textarea') as HTMLTextAreaElement
    field.value = value
    field.dispatchEvent(new Event('input', { bubbles: true }))
    await waitFor(() => expect(text(testUtils.queries.querySelector('.jl-field__count'))).toBe(`${value.length}/500`))
  }

  const submit = () => testUtils.fireEvent.click(testUtils.queries.querySelector('.jl-submit') as Element)

  it('shows a resident the form as before: no 为谁反映, no list of people', async () => {
    await mountForm(makeMe({ openid: 'demo-resident-wang', name: '王秀英', roles: [{ role: 'resident' }], building: { _id: 'b-1', name: '幸福小区1号楼' } }))
    expect(titles()).toEqual(['1. 反映哪一类事情', '2. 具体情况', '3. 急不急'])
    expect(text(testUtils.queries.querySelector('.jl-form'))).not.toContain('为谁反映')
    expect(callMock).not.toHaveBeenCalledWith('org', 'listUsers', expect.anything())
  })

  it('gives staff 为谁反映 first: 我自己 (chosen) or 代居民反映; 我自己 submits as before', async () => {
    await mountForm(STAFF)
    expect(titles()).toEqual(['1. 为谁反映', '2. 反映哪一类事情', '3. 具体情况', '4. 急不急'])
    expect(group(0).map((c) => text(c.querySelector('.jl-choice__title')))).toEqual(['我自己', '代居民反映'])
    expect(group(0)[0].getAttribute('aria-checked')).toBe('true')
    const modal = jest.spyOn(Taro, 'showModal')
    await fill('设施维修', '楼道灯坏了')
    submit()
    await waitFor(() => expect(callMock).toHaveBeenCalledWith('dispatch', 'submit', { category: 'facilities', text: '楼道灯坏了', urgency: 'normal', anonymous: false, requestId: expect.stringMatching(/^r-/) }))
    expect(modal).not.toHaveBeenCalled()
  })

  it("lists the community's residents (names, masked phones, not the staff member), and submits with onBehalfOf after asking", async () => {
    await mountForm(STAFF)
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValue(MODAL_OK)
    testUtils.fireEvent.click(choice('代居民反映'))
    await testUtils.queries.waitForQuerySelector('.jl-residents .jl-choice')
    expect(callMock).toHaveBeenCalledWith('org', 'listUsers', { role: 'resident', page: 1, pageSize: 50 })
    expect(residentRows().map(text)).toEqual(['王秀英138****1001', '何大爷未留电话'])

    // Without a resident: said plainly, nothing sent.
    await fill('养老助老', '独居老人家里没人送饭')
    submit()
    await waitFor(() => expect(text(testUtils.queries.querySelector('.jl-form-error'))).toBe('请选择代哪位居民反映'))
    expect(callMock).not.toHaveBeenCalledWith('dispatch', 'submit', expect.anything())

    testUtils.fireEvent.click(residentRows()[0])
    await waitFor(() => expect(text(testUtils.queries.querySelector('.jl-residents .jl-field__label'))).toBe('代 王秀英 反映'))
    submit()
    await waitFor(() =>
      expect(callMock).toHaveBeenCalledWith('dispatch', 'submit', {
        category: 'elderlyCare',
        text: '独居老人家里没人送饭',
        urgency: 'normal',
        anonymous: false,
        onBehalfOf: 'demo-resident-wang',
        requestId: expect.stringMatching(/^r-/),
      }),
    )
    expect(modal.mock.calls[0][0]).toMatchObject({ title: '代居民反映', content: expect.stringContaining('王秀英') })
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/dispatch/detail/index?id=d-new' }))
  })

  it('does not send when the staff member cancels the confirmation', async () => {
    await mountForm(STAFF)
    jest.spyOn(Taro, 'showModal').mockResolvedValue(MODAL_CANCEL)
    testUtils.fireEvent.click(choice('代居民反映'))
    await testUtils.queries.waitForQuerySelector('.jl-residents .jl-choice')
    testUtils.fireEvent.click(residentRows()[1])
    await fill('其他', '路口的井盖松了')
    submit()
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalled())
    await new Promise((r) => setTimeout(r, 50))
    expect(callMock).not.toHaveBeenCalledWith('dispatch', 'submit', expect.anything())
  })

  it("does not need the staff member's own binding to report for a resident", async () => {
    await mountForm({ ...STAFF, building: null })
    // 代居民反映 is chosen from the start; the form is there, with no bind prompt.
    expect(choice('代居民反映').getAttribute('aria-checked')).toBe('true')
    await testUtils.queries.waitForQuerySelector('.jl-residents .jl-choice')
    expect(testUtils.queries.querySelector('.jl-submit')).not.toBeNull()
    expect(text(testUtils.queries.querySelector('.jl-form'))).not.toContain('请先绑定您住的楼栋')
    // 我自己 still needs a building, and says where to bind one.
    testUtils.fireEvent.click(choice('我自己'))
    const empty = await testUtils.queries.waitForQuerySelector('.jl-state--empty')
    expect(text(empty)).toContain('请先绑定您住的楼栋')
    expect(testUtils.queries.querySelector('.jl-submit')).toBeNull()
  })

  it('pages the residents 50 at a time with 加载更多', async () => {
    const many = Array.from({ length: 70 }, (_, i) => person(`o-r-${String(i).padStart(2, '0')}`, `居民${String(i).padStart(2, '0')}`, '138****0000', [{ role: 'resident' }]))
    await mountForm(STAFF, many)
    testUtils.fireEvent.click(choice('代居民反映'))
    await testUtils.queries.waitForQuerySelector('.jl-residents .jl-choice')
    expect(residentRows().length).toBe(50)
    expect(text(testUtils.queries.querySelector('.jl-residents .jl-field__hint'))).toBe('本社区登记的居民，按姓名排列，不含您本人；已显示 50 人，共 70 人。')
    const more = [...testUtils.queries.querySelectorAll('.jl-residents .at-button')].find((b) => text(b) === '加载更多') as Element
    testUtils.fireEvent.click(more)
    await waitFor(() => expect(residentRows().length).toBe(70))
    expect(callMock).toHaveBeenCalledWith('org', 'listUsers', { role: 'resident', page: 2, pageSize: 50 })
  })
})
