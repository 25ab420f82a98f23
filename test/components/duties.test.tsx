import TestUtils from '@tarojs/test-utils-react'
import Taro from '@tarojs/taro'

import type { PersonResult } from '@/types/admin'
import type { DutyRecord } from '@/types/posts'

import DutyRulesPage from '../../src/packages/posts/duty-rules'
import ProblemPage from '../../src/packages/posts/problem'
import * as api from '../../src/services/api'
import { SessionProvider } from '../../src/store/session'
import { makeMe } from './fixtures'
import { answer, callMock, formErrors as errors, MODAL_CANCEL, MODAL_OK, text, typeInto, waitFor } from './helpers'

jest.mock('../../src/services/api', () => {
  const actual = jest.requireActual('../../src/services/api')
  return { ...actual, call: jest.fn(), listDevUsers: jest.fn() }
})

const RULES = { serviceHours: 20, checkIns: 12, surveys: 4, problems: 1 }
const admin = makeMe({ openid: 'demo-admin', name: '林海', roles: [{ role: 'admin' }], community: null, building: null })
const staff = makeMe({ openid: 'demo-staff-dongjie', name: '周芳' })
const zhang: PersonResult = {
  openid: 'demo-member-zhang', name: '张伟', phone: '138****1001', roles: [{ role: 'resident' }, { role: 'member', unitId: 'unit-renshe' }],
  communityId: 'c-dongjie', unitId: 'unit-renshe', buildingId: 'b-1', allowedActions: { grant: [], revoke: [] },
}
const record = (note: string): DutyRecord => ({
  _id: 'problem_1', kind: 'problem', openid: zhang.openid, name: '张伟', unitId: 'unit-renshe', year: '2026', quarter: null, note,
  by: { openid: staff.openid, name: '周芳' }, at: '2026-12-02T02:00:00.000Z',
})

let testUtils: TestUtils

beforeEach(() => {
  testUtils = new TestUtils()
  callMock.mockReset()
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
})
afterEach(() => {
  if (document.querySelector('.jl-page')) testUtils.unmout()
  document.body.innerHTML = ''
  localStorage.clear()
  jest.restoreAllMocks()
})

const mountPage = (PageComponent: () => JSX.Element) =>
  testUtils.mount(() => (
    <SessionProvider>
      <PageComponent />
    </SessionProvider>
  ))
const buttons = () => [...document.querySelectorAll('.at-button')].map(text)
const button = (label: string) => [...document.querySelectorAll('.at-button')].find((b) => text(b) === label) as Element
const ruleField = (label: string) => `[aria-label="${label}"] input, input[aria-label="${label}"]`

describe('年度任务设置 (the county)', () => {
  it('checks each target as typed, saves only what changed after asking, and shows the rules saved', async () => {
    localStorage.setItem('jinlin.openid', admin.openid)
    answer({ 'org.me': () => admin, 'posts.dutyRules': () => RULES, 'posts.setDutyRules': (p) => ({ ...RULES, ...(p as object) }) })
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValueOnce(MODAL_CANCEL).mockResolvedValue(MODAL_OK)
    await mountPage(DutyRulesPage)
    await testUtils.queries.waitForQuerySelector('.jl-kv')
    expect(text(document.querySelector('.jl-section'))).toContain('服务时长20 小时')
    expect(text(document.querySelector('.jl-section'))).toContain('协助解决难题1 件')
    expect(buttons()).toContain('没有修改')

    await typeInto(ruleField('服务时长（小时）'), '600')
    await waitFor(() => expect(errors()).toEqual(['服务时长应为 0 到 500 的整数']))
    await typeInto(ruleField('协助解决难题（件）'), '')
    await waitFor(() => expect(errors()).toContain('请填写协助解决难题'))
    expect(buttons()).toContain('没有修改')
    await typeInto(ruleField('服务时长（小时）'), '30')
    await typeInto(ruleField('协助解决难题（件）'), '2')
    await waitFor(() => expect(buttons()).toContain('保存 2 项修改'))
    expect(errors()).toEqual([])

    // 取消 at the question: nothing is sent.
    testUtils.fireEvent.click(button('保存 2 项修改'))
    await waitFor(() => expect(modal).toHaveBeenCalledTimes(1))
    expect(modal.mock.calls[0][0]?.content).toContain('服务时长 20 → 30 小时；协助解决难题 1 → 2 件')
    expect(callMock).not.toHaveBeenCalledWith('posts', 'setDutyRules', expect.anything())

    testUtils.fireEvent.click(button('保存 2 项修改'))
    await waitFor(() => expect(callMock).toHaveBeenCalledWith('posts', 'setDutyRules', { serviceHours: 30, problems: 2 }))
    await waitFor(() => expect(text(document.querySelector('.jl-section'))).toContain('服务时长30 小时'))
    expect(text(document.querySelector('.jl-section'))).toContain('协助解决难题2 件')
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '已保存年度任务', icon: 'none' })
  })

  it('shows the server’s refusal, and a failed read with a retry', async () => {
    localStorage.setItem('jinlin.openid', admin.openid)
    let fail = true
    answer({
      'org.me': () => admin,
      'posts.dutyRules': () => {
        if (fail) throw new api.ApiCallError('INTERNAL', '服务繁忙，请稍后再试')
        return RULES
      },
      'posts.setDutyRules': () => {
        throw new api.ApiCallError('FORBIDDEN', '只有县委组织部可以设置年度任务')
      },
    })
    jest.spyOn(Taro, 'showModal').mockResolvedValue(MODAL_OK)
    await mountPage(DutyRulesPage)
    const error = await testUtils.queries.waitForQuerySelector('.jl-state--error')
    expect(text(error)).toContain('服务繁忙，请稍后再试')
    fail = false
    testUtils.fireEvent.click(error.querySelector('.at-button') as Element)
    await testUtils.queries.waitForQuerySelector('.jl-kv')

    await typeInto(ruleField('每季度调研（次）'), '5')
    await waitFor(() => expect(buttons()).toContain('保存 1 项修改'))
    testUtils.fireEvent.click(button('保存 1 项修改'))
    await waitFor(() => expect(errors()).toEqual(['只有县委组织部可以设置年度任务']))
    expect(callMock).toHaveBeenCalledWith('posts', 'setDutyRules', { surveys: 5 })
    expect(text(document.querySelector('.jl-section'))).toContain('每季度调研4 次')
  })

  it('is not offered to anyone but the county', async () => {
    localStorage.setItem('jinlin.openid', staff.openid)
    answer({ 'org.me': () => staff })
    await mountPage(DutyRulesPage)
    await waitFor(() => expect(text(document.body)).toContain('只有县委组织部可以设置年度任务'))
    expect(callMock).not.toHaveBeenCalledWith('posts', 'dutyRules', expect.anything())
  })
})

describe('登记协助解决难题 (community staff)', () => {
  it('finds the community’s members, asks for a note, confirms, and records the 难题 for the one chosen', async () => {
    localStorage.setItem('jinlin.openid', staff.openid)
    answer({
      'org.me': () => staff,
      'org.searchPeople': () => ({ items: [zhang], page: 1, pageSize: 10, hasMore: false }),
      'posts.recordProblem': (p) => record((p as { note: string }).note),
    })
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValue(MODAL_OK)
    await mountPage(ProblemPage)
    await testUtils.queries.waitForQuerySelector('.jl-problem-person')
    expect(callMock).toHaveBeenCalledWith('org', 'searchPeople', { communityId: 'c-dongjie', role: 'member', page: 1, pageSize: 10 })
    await typeInto('.jl-input input', '张伟')
    testUtils.fireEvent.click(button('查找'))
    await waitFor(() => expect(callMock).toHaveBeenCalledWith('org', 'searchPeople', { communityId: 'c-dongjie', role: 'member', q: '张伟', page: 1, pageSize: 10 }))
    await testUtils.queries.waitForQuerySelector('.jl-problem-person')
    expect(text(document.querySelector('.jl-problem-person'))).toContain('张伟 138****1001')
    testUtils.fireEvent.click(button('选择'))
    await waitFor(() => expect(text(document.body)).toContain('为 张伟 登记难题'))

    testUtils.fireEvent.click(button('登记难题'))
    await waitFor(() => expect(errors()).toEqual(['请写明协助解决了什么难题']))
    expect(modal).not.toHaveBeenCalled()
    await typeInto('textarea', '协调物业修好了3号楼漏水的水管')
    testUtils.fireEvent.click(button('登记难题'))
    await waitFor(() => expect(callMock).toHaveBeenCalledWith('posts', 'recordProblem', { openid: 'demo-member-zhang', note: '协调物业修好了3号楼漏水的水管' }))
    expect(modal.mock.calls[0][0]?.content).toContain('登记 张伟 协助解决难题 1 件')
    await waitFor(() => expect(text(document.body)).toContain('张伟 协助解决难题 1 件（2026 年）'))
    expect(buttons()).toEqual(['再登记一件'])
  })

  it('shows the server’s refusal and keeps the note', async () => {
    localStorage.setItem('jinlin.openid', staff.openid)
    answer({
      'org.me': () => staff,
      'org.searchPeople': () => ({ items: [zhang], page: 1, pageSize: 10, hasMore: false }),
      'posts.recordProblem': () => {
        throw new api.ApiCallError('INVALID_INPUT', '只能为在职党员登记')
      },
    })
    jest.spyOn(Taro, 'showModal').mockResolvedValue(MODAL_OK)
    await mountPage(ProblemPage)
    await testUtils.queries.waitForQuerySelector('.jl-problem-person')
    testUtils.fireEvent.click(button('选择'))
    await typeInto('textarea', '调解邻里纠纷')
    testUtils.fireEvent.click(button('登记难题'))
    await waitFor(() => expect(errors()).toEqual(['只能为在职党员登记']))
    expect(callMock).toHaveBeenCalledWith('posts', 'recordProblem', { openid: 'demo-member-zhang', note: '调解邻里纠纷' })
    expect(buttons()).toContain('登记难题')
  })

  it('is not offered to a resident', async () => {
    const resident = makeMe({ openid: 'demo-resident', name: '王秀英', roles: [{ role: 'resident' }] })
    localStorage.setItem('jinlin.openid', resident.openid)
    answer({ 'org.me': () => resident })
    await mountPage(ProblemPage)
    await waitFor(() => expect(text(document.body)).toContain('只有社区工作人员可以登记协助解决难题'))
    expect(callMock).not.toHaveBeenCalledWith('org', 'searchPeople', expect.anything())
  })
})
