import TestUtils from '@tarojs/test-utils-react'
import Taro from '@tarojs/taro'

import type { DemandDetail, DemandListRequest, DemandSummary, TimelineEvent } from '@/types/dispatch'
import type { Me } from '@/types/domain'

import Page from '../../src/components/Page'
import { sectionsFor, visibleActions } from '../../src/domain/dispatch'
import { formatHours, formatRate } from '../../src/domain/format'
import { base64Bytes, photoTypeOf } from '../../src/domain/photos'
import DispatchPage from '../../src/pages/dispatch'
import DetailScreen from '../../src/packages/dispatch/components/DetailScreen'
import ReportForm from '../../src/packages/dispatch/components/ReportForm'
import * as api from '../../src/services/api'
import { SessionProvider } from '../../src/store/session'
import { makeMe } from './fixtures'
import { answer, callMock, text, waitFor } from './helpers'

jest.mock('../../src/services/api', () => {
  const actual = jest.requireActual('../../src/services/api')
  return { ...actual, call: jest.fn(), listDevUsers: jest.fn() }
})

/** A demand's detail as `dispatch.detail` returns it; overrides win. */
function makeDetail(overrides: Partial<DemandDetail> = {}): DemandDetail {
  return {
    _id: 'd-1',
    kind: 'demand',
    category: 'facilities',
    text: '幸福小区3号楼楼道灯坏了一个星期，晚上看不见路',
    urgency: 'normal',
    status: 'submitted',
    communityId: 'c-dongjie',
    unitId: null,
    slots: null,
    claimedCount: 0,
    createdAt: '2025-05-03T06:05:00.000Z',
    overdue: false,
    finishBy: null,
    submitterName: '王秀英',
    photos: [],
    anonymous: false,
    submitterPhone: '13800001001',
    dispatch: null,
    unitNames: {},
    claims: [],
    completion: null,
    rating: null,
    reopenCount: 0,
    mergedInto: null,
    escalatedAt: null,
    returnVisits: [],
    timeline: [{ at: '2025-05-03T06:05:00.000Z', actor: 'demo-resident-wang', actorName: '王秀英', event: 'submit', from: null, to: 'submitted' }],
    allowedActions: [],
    source: 'resident',
    household: null,
    residentView: false,
    ...overrides,
  }
}

/** A dispatch to 县人社局, accepted in time. */
const DISPATCH = {
  unitId: 'unit-renshe',
  offeredTo: ['unit-renshe'],
  slots: 1,
  expectedHours: 1,
  dispatchedAt: '2025-05-03T07:00:00.000Z',
  month: '2025-05',
  acceptBy: '2025-05-04T07:00:00.000Z',
  finishBy: '2025-05-10T07:00:00.000Z',
  acceptedAt: '2025-05-03T08:00:00.000Z',
  acceptedWithinSla: true,
}

describe('诉求详情', () => {
  let testUtils: TestUtils

  beforeEach(() => {
    localStorage.setItem('jinlin.openid', 'o-staff-1')
    testUtils = new TestUtils()
    callMock.mockReset()
  })

  afterEach(() => {
    testUtils.unmout()
    document.body.innerHTML = ''
    localStorage.clear()
  })

  /** Mounts the detail page answering `detail`; `ready` is what shows once it rendered (the resident's view folds the timeline). */
  const mountDetail = async (detail: DemandDetail, ready = '.jl-timeline') => {
    answer({ 'org.me': () => makeMe(), 'dispatch.detail': () => detail })
    const App = () => (
      <SessionProvider>
        <Page>
          <DetailScreen id={detail._id} />
        </Page>
      </SessionProvider>
    )
    await testUtils.mount(App)
    await testUtils.queries.waitForQuerySelector(ready)
    // Everything the page shows comes with the detail: one call, no second one to name units.
    expect(callMock.mock.calls.map(([fn, action]) => `${fn}.${action}`).filter((c) => c !== 'org.me')).toEqual(['dispatch.detail'])
  }

  const buttons = () => [...testUtils.queries.querySelectorAll('.jl-actions .at-button')].map(text)

  it('shows staff on a submitted demand exactly the steps the server allows: 派单 first, 社区自办, 合并, 不予受理, and what each means', async () => {
    await mountDetail(makeDetail({ allowedActions: ['handle', 'dispatch', 'merge', 'decline'] }))
    expect(callMock).toHaveBeenCalledWith('dispatch', 'detail', { id: 'd-1' })
    expect(buttons()).toEqual(['派单', '社区自办', '合并', '不予受理'])
    // 派单 is the primary way to a unit; 受理 never labels handling inside the community.
    expect(testUtils.queries.querySelector('.jl-actions .at-button')?.className).toContain('at-button--primary')
    const meanings = [...testUtils.queries.querySelectorAll('.jl-actions__meanings .jl-field__hint')].map(text)
    expect(meanings).toEqual([
      '派单：派给结对共建单位，由单位接单、党员认领办理',
      '社区自办：小事不出小区：由社区直接办理，不派给单位',
      '合并：与已有的相同诉求一起办理',
      '不予受理：不属于社区办理范围，向居民说明理由',
    ])
    // The status is a word, not only a colour.
    expect(text(testUtils.queries.querySelector('.jl-tag--strong'))).toBe('待受理')
  })

  it('shows a member who may do nothing no action buttons at all', async () => {
    await mountDetail(
      makeDetail({
        status: 'accepted',
        allowedActions: [],
        submitterName: '匿名居民',
        submitterPhone: '138****1001',
        dispatch: {
          unitId: 'unit-renshe',
          offeredTo: ['unit-renshe'],
          slots: 2,
          expectedHours: 2,
          dispatchedAt: '2025-05-03T07:00:00.000Z',
          month: '2025-05',
          acceptBy: '2025-05-04T07:00:00.000Z',
          finishBy: '2025-05-10T07:00:00.000Z',
          acceptedAt: '2025-05-03T08:00:00.000Z',
          acceptedWithinSla: true,
        },
        unitNames: { 'unit-renshe': '县人社局' },
      }),
    )
    expect(testUtils.queries.querySelector('.jl-actions')).toBeNull()
    expect(testUtils.queries.querySelectorAll('.jl-detail .at-button')).toHaveLength(0)
    // The dispatch section names the unit from the detail's own unitNames.
    expect(text(testUtils.queries.querySelector('.jl-detail'))).toContain('承办单位县人社局')
  })

  it('names every unit of an open offer from the detail, and shows report and completion photos each in their own section', async () => {
    await mountDetail(
      makeDetail({
        status: 'completed',
        photos: [{ fileID: 'cloud://local/demands/r/a.png', url: '/files/demands/r/a.png' }],
        dispatch: { ...DISPATCH, unitId: null, offeredTo: ['unit-renshe', 'unit-weijian'], acceptedAt: null, acceptedWithinSla: null },
        unitNames: { 'unit-renshe': '县人社局', 'unit-weijian': '县卫健局' },
        completion: {
          notes: '已更换灯泡',
          photos: [
            { fileID: 'cloud://local/demands/m/b.png', url: '/files/demands/m/b.png' },
            { fileID: 'cloud://local/demands/m/c.png', url: '' },
          ],
          at: '2025-05-04T07:00:00.000Z',
        },
      }),
    )
    expect(text(testUtils.queries.querySelector('.jl-detail'))).toContain('所有结对单位（先接先得）：县人社局、县卫健局')
    const sections = [...testUtils.queries.querySelectorAll('.jl-section')]
    const photosIn = (title: string) => {
      const section = sections.find((s) => text(s).includes(title)) as Element
      return [...section.querySelectorAll('.jl-photos__image')].map((i) => i.getAttribute('src'))
    }
    expect(photosIn('幸福小区3号楼')).toEqual(['/files/demands/r/a.png'])
    // A photo storage could not link ('' URL) is left out rather than shown broken.
    expect(photosIn('办结情况')).toEqual(['/files/demands/m/b.png'])
  })

  it('renders exactly the allowed steps: a liaison sees 接单 and 退单 on a dispatched demand, and no 指派党员', async () => {
    await mountDetail(makeDetail({ status: 'dispatched', allowedActions: ['accept', 'reject'] }))
    expect(buttons()).toEqual(['接单', '退单'])
  })

  it('shows each step of the timeline with who did it, what, and the states in words, with the reason', async () => {
    const timeline: TimelineEvent[] = [
      { at: '2025-05-03T06:05:00.000Z', actor: 'demo-resident-wang', actorName: '王秀英', event: 'submit', from: null, to: 'submitted' },
      { at: '2025-05-03T07:00:00.000Z', actor: 'demo-staff-dongjie', actorName: '周芳', event: 'dispatch', from: 'submitted', to: 'dispatched' },
      { at: '2025-05-03T08:00:00.000Z', actor: 'demo-liaison-renshe', actorName: '赵敏', event: 'reject', from: 'dispatched', to: 'submitted', reason: '不属于本单位职责' },
    ]
    await mountDetail(makeDetail({ timeline }))
    const items = [...testUtils.queries.querySelectorAll('.jl-timeline__item')]
    expect(items).toHaveLength(3)
    expect(items.map((i) => text(i.querySelector('.jl-timeline__what')))).toEqual(['王秀英 提交诉求', '周芳 派单', '赵敏 退单'])
    expect(items.map((i) => text(i.querySelector('.jl-timeline__states')))).toEqual(['→ 待受理', '待受理 → 已派单', '已派单 → 待受理'])
    expect(text(items[2].querySelector('.jl-timeline__reason'))).toBe('理由：不属于本单位职责')
    expect(text(items[1].querySelector('.jl-timeline__time'))).toMatch(/5月3日 15:00$/)
  })

  /** As the server answers the resident who asked: organisations in the timeline, claims without names. */
  const residentTimeline: TimelineEvent[] = [
    { at: '2025-05-03T06:05:00.000Z', actor: 'o-staff-1', actorName: '您', event: 'submit', from: null, to: 'submitted' },
    { at: '2025-05-03T07:00:00.000Z', actor: '', actorName: '社区', event: 'dispatch', from: 'submitted', to: 'dispatched' },
    { at: '2025-05-03T08:00:00.000Z', actor: '', actorName: '县人社局', event: 'accept', from: 'dispatched', to: 'accepted' },
    { at: '2025-05-03T09:00:00.000Z', actor: '', actorName: '县人社局', event: 'claim', from: 'accepted', to: 'accepted' },
    { at: '2025-05-04T09:00:00.000Z', actor: '', actorName: '县人社局', event: 'complete', from: 'accepted', to: 'completed' },
    { at: '2025-05-04T10:00:00.000Z', actor: '', actorName: '社区', event: 'verify', from: 'completed', to: 'verified' },
  ]
  const mountResident = (detail: DemandDetail) => mountDetail(detail, '.jl-progress')

  it('shows the resident where it is, who has it and 去评价 first, with the steps folded below and no 「（状态不变）」', async () => {
    await mountResident(
      makeDetail({ status: 'verified', residentView: true, allowedActions: ['rate'], dispatch: DISPATCH, unitNames: { 'unit-renshe': '县人社局' }, timeline: residentTimeline, claimedCount: 1 }),
    )
    expect(text(testUtils.queries.querySelector('.jl-progress__where'))).toBe('待您评价')
    expect(text(testUtils.queries.querySelector('.jl-progress'))).toContain('请您评价')
    expect(text(testUtils.queries.querySelector('.jl-progress .at-button'))).toBe('去评价')
    // No work log on top: no action bar, no dispatch rows, no timeline until asked for.
    expect(testUtils.queries.querySelector('.jl-actions')).toBeNull()
    expect(text(testUtils.queries.querySelector('.jl-detail'))).not.toContain('接单时限')
    expect(testUtils.queries.querySelector('.jl-timeline')).toBeNull()
    const fold = testUtils.queries.querySelector('.jl-fold__head') as Element
    expect(text(fold)).toBe('查看办理经过（5 步）▼')
    testUtils.fireEvent.click(fold)
    await testUtils.queries.waitForQuerySelector('.jl-timeline')
    const items = [...testUtils.queries.querySelectorAll('.jl-timeline__item')]
    expect(items.map((i) => text(i.querySelector('.jl-timeline__what')))).toEqual(['您 提交诉求', '社区 受理，派单给结对单位', '县人社局 接单办理', '县人社局 办完', '社区 验收通过'])
    expect(testUtils.queries.querySelectorAll('.jl-timeline__states')).toHaveLength(0)
    expect(text(testUtils.queries.querySelector('.jl-detail'))).not.toContain('状态不变')
  })

  it('tells the resident every status in plain words: never 已吹哨, 待验收 or 已接单', async () => {
    const statuses = ['submitted', 'handling', 'dispatched', 'accepted', 'completed', 'verified', 'closed', 'declined', 'merged', 'escalated'] as const
    const seen: string[] = []
    for (const status of statuses) {
      await mountResident(makeDetail({ status, residentView: true, dispatch: status === 'submitted' || status === 'handling' ? null : DISPATCH, unitNames: { 'unit-renshe': '县人社局' } }))
      const page = text(testUtils.queries.querySelector('.jl-detail'))
      for (const internal of ['吹哨', '待验收', '已接单', '待受理']) expect({ status, internal, shown: page.includes(internal) }).toEqual({ status, internal, shown: false })
      seen.push(text(testUtils.queries.querySelector('.jl-progress__where')))
      testUtils.unmout()
      document.body.innerHTML = ''
      testUtils = new TestUtils()
      callMock.mockClear()
    }
    expect(seen).toEqual(['待社区受理', '社区办理中', '已派单，等单位接单', '单位办理中', '已办完，社区验收中', '待您评价', '已办结', '不予受理', '已与相同诉求合并办理', '已上报街道协调'])
    // Called in on an open demand (the flag), whatever its status: the same plain words.
    await mountResident(makeDetail({ status: 'accepted', residentView: true, dispatch: DISPATCH, escalatedAt: '2025-05-06T01:00:00.000Z' }))
    expect(text(testUtils.queries.querySelector('.jl-progress__where'))).toBe('已上报街道协调')
  })

  it('shows a need found at a door with its household, and the way back to the 重点户 only to those who may open it', async () => {
    const household = { id: 'h-xingfu-1-101', address: '幸福小区1号楼 101', contactName: '赵桂兰', contactPhone: '13907001001', mayOpen: true }
    await mountDetail(makeDetail({ source: 'visit', submitterName: '张伟（走访发现）', submitterPhone: '13800002001', household }))
    const section = [...testUtils.queries.querySelectorAll('.jl-section')].find((el) => text(el.querySelector('.jl-section__title')) === '住户（走访发现）')!
    expect(text(section)).toContain('幸福小区1号楼 101')
    expect(text(section)).toContain('13907001001')
    expect(text(testUtils.queries.querySelector('.jl-detail'))).toContain('反映人张伟（走访发现）')
    expect(text(testUtils.queries.querySelector('.jl-detail'))).toContain('走访人电话13800002001')
    const link = section.querySelector('.jl-link') as Element
    expect(text(link)).toBe('查看重点户 ›')
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never)
    testUtils.fireEvent.click(link)
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/visits/household/index?id=h-xingfu-1-101' })
    navigate.mockRestore()
  })

  it('shows a unit member the household with its phone masked and no way to the 重点户', async () => {
    const household = { id: 'h-xingfu-1-101', address: '幸福小区1号楼 101', contactName: '赵桂兰', contactPhone: '139****1001', mayOpen: false }
    await mountDetail(makeDetail({ source: 'visit', household }))
    expect(testUtils.queries.querySelector('.jl-link')).toBeNull()
    expect(text(testUtils.queries.querySelector('.jl-detail'))).toContain('139****1001')
  })

  it('opens on the step a list card chose (改派): its form first, sent only after 确认改派 and the confirmation', async () => {
    const detail = makeDetail({ status: 'accepted', overdue: true, allowedActions: ['urge', 'redispatch'] })
    answer({ 'org.me': () => makeMe(), 'dispatch.detail': () => detail, 'org.listUnits': () => [] })
    await testUtils.mount(() => (
      <SessionProvider>
        <Page>
          <DetailScreen id={detail._id} act='redispatch' />
        </Page>
      </SessionProvider>
    ))
    const panel = await testUtils.queries.waitForQuerySelector('.jl-panel')
    expect(text(panel.querySelector('.jl-panel__title'))).toBe('改派')
    expect([...panel.querySelectorAll('.at-button')].map(text)).toEqual(['确认改派', '取消'])
    // Nothing is sent by opening it.
    expect(callMock.mock.calls.map(([fn, action]) => `${fn}.${action}`).filter((c) => c === 'dispatch.redispatch')).toEqual([])
  })

  it('shows the error with 重试 when the detail cannot be loaded, and loads again', async () => {
    let fail = true
    answer({
      'org.me': () => makeMe(),
      'dispatch.detail': () => {
        if (fail) throw new api.ApiCallError('NOT_FOUND', '诉求不存在或您无权查看')
        return makeDetail()
      },
    })
    await testUtils.mount(() => (
      <SessionProvider>
        <DetailScreen id='d-1' />
      </SessionProvider>
    ))
    const error = await testUtils.queries.waitForQuerySelector('.jl-state--error')
    expect(text(error)).toContain('诉求不存在或您无权查看')
    fail = false
    testUtils.fireEvent.click(error.querySelector('.at-button') as Element)
    await testUtils.queries.waitForQuerySelector('.jl-timeline')
  })
})

describe('我要反映', () => {
  let testUtils: TestUtils

  beforeEach(() => {
    localStorage.setItem('jinlin.openid', 'demo-resident-wang')
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

  const resident = makeMe({ openid: 'demo-resident-wang', name: '王秀英', roles: [{ role: 'resident' }], building: { _id: 'b-xingfu-1', name: '幸福小区1号楼' } })

  const mountForm = async (me = resident) => {
    answer({ 'org.me': () => me, 'dispatch.submit': () => makeDetail({ _id: 'd-new' }) })
    await testUtils.mount(() => (
      <SessionProvider>
        <Page>
          <ReportForm me={me} />
        </Page>
      </SessionProvider>
    ))
  }

  const submitButton = () => testUtils.queries.querySelector('.jl-submit') as Element

  async function type(value: string) {
    const host = await testUtils.queries.waitForQuerySelector('.jl-textarea')
    const field = host.querySelector('textarea') as HTMLTextAreaElement
    field.value = value
    field.dispatchEvent(new Event('input', { bubbles: true }))
    await waitFor(() => expect(text(testUtils.queries.querySelector('.jl-field__count'))).toBe(`${value.length}/500`))
  }

  it('refuses to submit without a category and a description, and says what is missing', async () => {
    await mountForm()
    await testUtils.queries.waitForQuerySelector('.jl-choice')
    testUtils.fireEvent.click(submitButton())
    const error = await testUtils.queries.waitForQuerySelector('.jl-form-error')
    expect(text(error)).toBe('请选择要反映哪一类事情；请写一下具体情况')

    // A category alone is not enough either.
    testUtils.fireEvent.click(testUtils.queries.querySelectorAll('.jl-choice')[1])
    testUtils.fireEvent.click(submitButton())
    await waitFor(() => expect(text(testUtils.queries.querySelector('.jl-form-error'))).toBe('请写一下具体情况'))
    expect(callMock).not.toHaveBeenCalledWith('dispatch', 'submit', expect.anything())
  })

  it('submits the category, the text, 一般 urgency by default and 匿名, then opens the new demand', async () => {
    await mountForm()
    const choices = await testUtils.queries.waitForQuerySelector('.jl-choice')
    expect(text(choices)).toContain('养老助老')
    // 设施维修 is the second category; 匿名 on.
    testUtils.fireEvent.click(testUtils.queries.querySelectorAll('.jl-choices')[0].querySelectorAll('.jl-choice')[1])
    await type('  楼道灯坏了  ')
    testUtils.fireEvent.click(testUtils.queries.querySelector('.jl-toggle') as Element)
    testUtils.fireEvent.click(submitButton())

    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/dispatch/detail/index?id=d-new' }))
    expect(callMock).toHaveBeenCalledWith('dispatch', 'submit', { category: 'facilities', text: '楼道灯坏了', urgency: 'normal', anonymous: true, requestId: expect.stringMatching(/^r-/) })
  })

  it('submits 紧急 when the resident chooses it', async () => {
    await mountForm()
    await testUtils.queries.waitForQuerySelector('.jl-choice')
    const groups = testUtils.queries.querySelectorAll('.jl-choices')
    testUtils.fireEvent.click(groups[0].querySelectorAll('.jl-choice')[0])
    testUtils.fireEvent.click(groups[1].querySelectorAll('.jl-choice')[1])
    await type('独居老人家里没人送饭')
    testUtils.fireEvent.click(submitButton())
    await waitFor(() =>
      expect(callMock).toHaveBeenCalledWith('dispatch', 'submit', { category: 'elderlyCare', text: '独居老人家里没人送饭', urgency: 'urgent', anonymous: false, requestId: expect.stringMatching(/^r-/) }),
    )
  })

  it('explains that a person without a building must bind one first, with a way to 我的', async () => {
    await mountForm({ ...resident, building: null })
    const empty = await testUtils.queries.waitForQuerySelector('.jl-state--empty')
    expect(text(empty)).toContain('请先绑定您住的楼栋')
    expect(text(empty.querySelector('.at-button'))).toBe('去「我的」绑定楼栋')
    expect(testUtils.queries.querySelector('.jl-submit')).toBeNull()
  })
})

function makeSummary(i: number, overrides: Partial<DemandSummary> = {}): DemandSummary {
  return {
    _id: `d-${i}`,
    kind: 'demand',
    category: 'environment',
    text: `第 ${i} 条诉求`,
    urgency: 'normal',
    status: 'submitted',
    communityId: 'c-dongjie',
    unitId: null,
    slots: null,
    claimedCount: 0,
    createdAt: '2025-05-03T06:05:00.000Z',
    overdue: false,
    finishBy: null,
    submitterName: '王秀英',
    ...overrides,
  }
}

describe('派单 tab', () => {
  let testUtils: TestUtils

  beforeEach(() => {
    localStorage.setItem('jinlin.openid', 'o-staff-1')
    testUtils = new TestUtils()
    callMock.mockReset()
  })

  afterEach(() => {
    testUtils.unmout()
    document.body.innerHTML = ''
    localStorage.clear()
  })

  /** 12 demands in the asked scope, served 10 a page. */
  const pages = (req: DemandListRequest) => {
    const all = Array.from({ length: 12 }, (_, i) => makeSummary(i + 1, { overdue: i === 0, urgency: i === 0 ? 'urgent' : 'normal' }))
    const page = req.page ?? 1
    const size = req.pageSize ?? 20
    return { items: all.slice((page - 1) * size, page * size), page, pageSize: size, hasMore: page * size < all.length }
  }

  it('gives community staff their queues with counts, 待受理 open first, then 社区诉求 and 我的诉求 — one list at a time', async () => {
    const queueCounts = { staff: { triage: 12, working: 1, verify: 0, overdue: 1, returnVisit: 0 } }
    answer({
      'org.me': () => makeMe(),
      'dispatch.queueCounts': () => queueCounts,
      'dispatch.list': (req) => {
        const p = pages(req as DemandListRequest)
        // The overdue one offers what moves it, as the server lists it for this reader.
        return { ...p, items: p.items.map((d) => (d.overdue ? { ...d, overdueActions: ['urge', 'redispatch'] } : d)) }
      },
    })
    await testUtils.mount(() => (
      <SessionProvider>
        <DispatchPage />
      </SessionProvider>
    ))
    await testUtils.queries.waitForQuerySelector('.jl-demand-card')
    expect([...testUtils.queries.querySelectorAll('.jl-segment')].map(text)).toEqual(['待受理 12', '待派单/办理中 1', '待验收 0', '超期 1', '回访 0', '社区诉求', '我的诉求'])
    expect(callMock).toHaveBeenCalledWith('dispatch', 'list', { scope: 'triage', page: 1, pageSize: 10 })
    expect(testUtils.queries.querySelectorAll('.jl-demand-card')).toHaveLength(10)
    // Status, urgency and 超期 are words on the card.
    const firstTags = testUtils.queries.querySelector('.jl-demand-card .jl-tags') as Element
    expect([...firstTags.querySelectorAll('.jl-tag')].map(text)).toEqual(['待受理', '紧急', '超期', '环境卫生'])
    // The overdue card offers 催办 and 改派 (each opens the detail's form, which asks to confirm); the others nothing.
    expect([...testUtils.queries.querySelectorAll('.jl-demand-item__move')].map(text)).toEqual(['催办', '改派'])
    expect(text(testUtils.queries.querySelector('.jl-paged__count'))).toBe('已显示 10 条')

    const button = (label: string) => [...testUtils.queries.querySelectorAll('.at-button')].find((b) => text(b) === label)
    testUtils.fireEvent.click(button('加载更多') as Element)
    await testUtils.queries.waitForQueryByAttribute('aria-label', '第 12 条诉求，查看详情')
    expect(testUtils.queries.querySelectorAll('.jl-demand-card')).toHaveLength(12)
    expect(callMock).toHaveBeenCalledWith('dispatch', 'list', { scope: 'triage', page: 2, pageSize: 10 })
    expect(button('加载更多')).toBeUndefined()
    expect(text(testUtils.queries.querySelector('.jl-paged__count'))).toBe('共 12 条')

    // 社区诉求 brings its filters and asks for the community scope; the queue's list gives way.
    const segment = (label: string) => [...testUtils.queries.querySelectorAll('.jl-segment')].find((b) => text(b) === label) as Element
    testUtils.fireEvent.click(segment('社区诉求'))
    await testUtils.queries.waitForQuerySelector('.jl-filters')
    await waitFor(() => expect(callMock).toHaveBeenCalledWith('dispatch', 'list', { scope: 'community', page: 1, pageSize: 10 }))
    await waitFor(() => expect(testUtils.queries.querySelectorAll('.jl-paged__count')).toHaveLength(1))
    expect([...testUtils.queries.querySelectorAll('.jl-segment--on')].map(text)).toEqual(['社区诉求'])
    await testUtils.queries.waitForQuerySelector('.jl-chip')
    const overdueChip = [...testUtils.queries.querySelectorAll('.jl-chip')].find((c) => text(c) === '只看超期') as Element
    testUtils.fireEvent.click(overdueChip)
    await waitFor(() => expect(callMock).toHaveBeenCalledWith('dispatch', 'list', { scope: 'community', overdue: true, page: 1, pageSize: 10 }))

    // Back to a queue: the lower list gives way in turn.
    testUtils.fireEvent.click(segment('超期 1'))
    await waitFor(() => expect(callMock).toHaveBeenCalledWith('dispatch', 'list', { scope: 'community', overdue: true, page: 1, pageSize: 10 }))
    await waitFor(() => expect(testUtils.queries.querySelector('.jl-filters')).toBeNull())
    expect([...testUtils.queries.querySelectorAll('.jl-segment--on')].map(text)).toEqual(['超期 1'])
  })

  it('shows a resident the large 我要反映 button first and their own demands, with an empty state', async () => {
    localStorage.setItem('jinlin.openid', 'demo-resident-wang')
    answer({
      'org.me': () => makeMe({ openid: 'demo-resident-wang', roles: [{ role: 'resident' }] }),
      'dispatch.list': (req) => ({ items: [], page: (req as DemandListRequest).page ?? 1, pageSize: 10, hasMore: false }),
    })
    await testUtils.mount(() => (
      <SessionProvider>
        <DispatchPage />
      </SessionProvider>
    ))
    const empty = await testUtils.queries.waitForQuerySelector('.jl-state--empty')
    expect(text(empty)).toContain('您还没有反映过诉求')
    expect(text(testUtils.queries.querySelector('.at-button'))).toBe('我要反映')
    expect(testUtils.queries.querySelector('.jl-segment')).toBeNull()
    expect(callMock).toHaveBeenCalledWith('dispatch', 'list', { scope: 'mine', page: 1, pageSize: 10 })
  })
})

describe('dispatch words and formats', () => {
  it('knows photo types by their first bytes, as the server checks them', () => {
    expect(photoTypeOf('/9j/4AAQSkZJRg==')).toBe('image/jpeg')
    expect(photoTypeOf('iVBORw0KGgoAAAANSUhEUg==')).toBe('image/png')
    expect(photoTypeOf(Buffer.from('RIFF\u0000\u0000\u0000\u0000WEBPVP8 ', 'latin1').toString('base64'))).toBe('image/webp')
    expect(photoTypeOf('R0lGODlhAQABAAAAACw=')).toBeNull() // GIF
    expect(base64Bytes(Buffer.alloc(1000).toString('base64'))).toBe(1000)
    expect(base64Bytes(Buffer.alloc(1001).toString('base64'))).toBe(1001)
  })

  it('offers the steps in a fixed order, 指派党员 included', () => {
    expect(visibleActions(['decline', 'merge', 'dispatch', 'handle'])).toEqual(['dispatch', 'handle', 'merge', 'decline'])
    expect(visibleActions(['withdraw', 'complete', 'assign'])).toEqual(['assign', 'complete', 'withdraw'])
    expect(visibleActions(['claim', 'assign'])).toEqual(['assign', 'claim'])
  })

  it('below the queues, only the lists no queue holds whole: 社区诉求, 单位派单, 我的诉求 last', () => {
    const scopes = (roles: Me['roles']) => sectionsFor(makeMe({ roles })).map((s) => s.scope)
    expect(scopes([{ role: 'resident' }])).toEqual(['mine'])
    expect(scopes([{ role: 'resident' }, { role: 'staff', communityId: 'c' }])).toEqual(['community', 'mine'])
    // 可认领 and 我的任务 are the member's queues; 超期, 已吹哨 and 督办 the town's and the county's.
    expect(scopes([{ role: 'resident' }, { role: 'liaison', unitId: 'u' }, { role: 'member', unitId: 'u' }])).toEqual(['unit', 'mine'])
    expect(scopes([{ role: 'admin' }])).toEqual([])
    expect(scopes([{ role: 'resident' }, { role: 'town', townId: 't' }])).toEqual(['mine'])
  })

  it('writes rates and hours as words, never a bare 0 or NaN', () => {
    expect(formatRate(null)).toBe('暂无')
    expect(formatRate(0.8571)).toBe('85.7%')
    expect(formatHours(0)).toBe('不到 0.1 小时')
    expect(formatHours(2.5)).toBe('2.5 小时')
  })
})
