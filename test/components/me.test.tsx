import TestUtils from '@tarojs/test-utils-react'

import { ApiCallError } from '../../src/services/api'
import * as api from '../../src/services/api'
import DispatchPage from '../../src/pages/dispatch'
import MePage from '../../src/pages/me'
import { SessionProvider } from '../../src/store/session'
import { makeDevUser, makeMe } from './fixtures'
import { answer, callMock, text } from './helpers'

jest.mock('../../src/services/api', () => {
  const actual = jest.requireActual('../../src/services/api')
  return {
    ...actual,
    call: jest.fn(),
    listDevUsers: jest.fn(),
  }
})

const listDevUsersMock = api.listDevUsers as jest.MockedFunction<typeof api.listDevUsers>

function App() {
  return (
    <SessionProvider>
      <MePage />
    </SessionProvider>
  )
}

describe('我的 page', () => {
  let testUtils: TestUtils

  beforeEach(() => {
    localStorage.setItem('jinlin.openid', 'o-staff-1')
    testUtils = new TestUtils()
    callMock.mockReset()
    listDevUsersMock.mockReset()
    listDevUsersMock.mockResolvedValue([makeDevUser()])
  })

  afterEach(() => {
    testUtils.unmout()
    document.body.innerHTML = ''
    localStorage.clear()
  })

  it('renders the profile that org.me returns: name, masked phone, roles in Chinese with their community', async () => {
    answer({ 'org.me': () => makeMe() })
    await testUtils.mount(App)
    const name = await testUtils.queries.waitForQuerySelector('.jl-profile__name')
    expect(text(name)).toBe('李秀英')

    const profile = text(testUtils.queries.querySelector('.jl-profile'))
    expect(profile).toContain('138****1234')
    expect(profile).toContain('东街社区 · 3号楼')
    const roles = [...testUtils.queries.querySelectorAll('.jl-profile__role')].map(text)
    expect(roles).toEqual(['社区工作者 · 东街社区', '居民'])
    expect(callMock).toHaveBeenCalledWith('org', 'me', {})
    // Bound to a building already: no picker.
    expect(testUtils.queries.queryByText('绑定楼栋')).toBeFalsy()
  })

  it('shows the register form when org.me answers NOT_REGISTERED', async () => {
    answer({
      'org.me': () => {
        throw new ApiCallError('NOT_REGISTERED', '请先注册')
      },
    })
    await testUtils.mount(App)
    await testUtils.queries.waitForQuerySelector('.at-input')
    const titles = [...testUtils.queries.querySelectorAll('.jl-section__title')].map(text)
    expect(titles).toContain('注册')
    const labels = [...testUtils.queries.querySelectorAll('.at-input__title')].map(text)
    expect(labels).toEqual(['姓名', '手机号'])
    expect(testUtils.queries.querySelector('.jl-profile')).toBeNull()
  })

  it('switches the page root to the elder tokens when org.me says elderMode is true', async () => {
    answer({ 'org.me': () => makeMe({ elderMode: true }) })
    await testUtils.mount(App)
    await testUtils.queries.waitForQuerySelector('.jl-profile__name')
    const root = testUtils.queries.querySelector('.jl-page')
    expect(root?.classList.contains('jl-theme')).toBe(true)
    expect(root?.classList.contains('jl-theme--elder')).toBe(true)
    expect(text(testUtils.queries.querySelector('.jl-toggle__state'))).toBe('已开启')
  })

  it('keeps the normal tokens when elderMode is false', async () => {
    answer({ 'org.me': () => makeMe({ elderMode: false }) })
    await testUtils.mount(App)
    await testUtils.queries.waitForQuerySelector('.jl-profile__name')
    const root = testUtils.queries.querySelector('.jl-page')
    expect(root?.classList.contains('jl-theme')).toBe(true)
    expect(root?.classList.contains('jl-theme--elder')).toBe(false)
  })

  it('switches every page to the elder tokens at once when the person turns 长辈模式 on, and saves the choice', async () => {
    answer({
      'org.me': () => makeMe({ elderMode: null }),
      'org.setElderMode': () => makeMe({ elderMode: true }),
    })
    const Both = () => (
      <SessionProvider>
        <DispatchPage />
        <MePage />
      </SessionProvider>
    )
    await testUtils.mount(Both)
    await testUtils.queries.waitForQuerySelector('.jl-profile__name')
    const roots = () => [...testUtils.queries.querySelectorAll('.jl-page')]
    expect(roots()).toHaveLength(2)
    expect(roots().every((r) => !r.classList.contains('jl-theme--elder'))).toBe(true)

    const toggle = testUtils.queries.querySelector('.jl-toggle')
    expect(toggle?.getAttribute('aria-label')).toBe('长辈模式，已关闭')
    testUtils.fireEvent.click(toggle as Element)

    await testUtils.queries.waitForQuerySelector('.jl-page.jl-theme--elder')
    expect(roots().every((r) => r.classList.contains('jl-theme--elder'))).toBe(true)
    expect(callMock).toHaveBeenCalledWith('org', 'setElderMode', { elderMode: true })
    expect(testUtils.queries.querySelector('.jl-toggle')?.getAttribute('aria-label')).toBe('长辈模式，已开启')
  })

  it('shows the role switcher first when no demo identity is chosen, and loads the chosen person', async () => {
    localStorage.clear()
    listDevUsersMock.mockResolvedValue([
      makeDevUser(),
      makeDevUser({ openid: 'o-member-2', name: '王建国', label: '党员 · 县卫健局', roles: [{ role: 'member', unitId: 'u-wjj' }] }),
    ])
    answer({
      'org.me': () => makeMe({ openid: 'o-member-2', name: '王建国', roles: [{ role: 'member', unitId: 'u-wjj' }], unit: { _id: 'u-wjj', name: '县卫健局', communities: [] } }),
    })
    await testUtils.mount(App)
    await testUtils.queries.waitForQuerySelector('.jl-choice')

    const page = testUtils.queries.querySelector('.jl-page')
    expect(text(page?.querySelector('.jl-section__title') ?? null)).toBe('选择演示身份')
    expect(callMock).not.toHaveBeenCalled()
    const choices = [...testUtils.queries.querySelectorAll('.jl-choice')]
    expect(choices.map((c) => text(c.querySelector('.jl-choice__subtitle')))).toEqual(['社区工作者 · 东街社区', '党员 · 县卫健局'])

    testUtils.fireEvent.click(choices[1])
    const name = await testUtils.queries.waitForQuerySelector('.jl-profile__name')
    expect(text(name)).toBe('王建国')
    expect(localStorage.getItem('jinlin.openid')).toBe('o-member-2')
    expect([...testUtils.queries.querySelectorAll('.jl-profile__role')].map(text)).toEqual(['党员 · 县卫健局'])
  })

  it('shows the error with 重试 when org.me fails, and retries', async () => {
    let fail = true
    answer({
      'org.me': () => {
        if (fail) throw new ApiCallError('NETWORK', '网络异常，请稍后再试')
        return makeMe()
      },
    })
    await testUtils.mount(App)
    const error = await testUtils.queries.waitForQuerySelector('.jl-state--error')
    expect(text(error)).toContain('网络异常，请稍后再试')
    const retry = error.querySelector('.at-button')
    expect(text(retry)).toBe('重试')

    fail = false
    testUtils.fireEvent.click(retry)
    await testUtils.queries.waitForQuerySelector('.jl-profile__name')
    expect(callMock).toHaveBeenCalledTimes(2)
  })
})
