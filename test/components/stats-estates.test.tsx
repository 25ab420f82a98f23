import TestUtils from '@tarojs/test-utils-react'
import Taro from '@tarojs/taro'

import type { Dashboard, FigureRow, Figures } from '@/types/stats'

import EstatesSection from '../../src/packages/stats/components/EstatesSection'
import { text } from './helpers'

jest.mock('../../src/services/api', () => {
  const actual = jest.requireActual('../../src/services/api')
  return { ...actual, call: jest.fn(), listDevUsers: jest.fn() }
})

const figures = (f: Partial<Figures>): Figures => ({
  dispatched: 0, acceptedWithinSla: 0, resolved: 0, openOverdue: 0, rated: 0, satisfiedOrBasic: 0, extended: 0, received: 0,
  responseRate: null, resolutionRate: null, satisfactionRate: null, ...f,
})
const estate = (id: string, name: string, f: Partial<Figures>, below: FigureRow['below'] = []): FigureRow => ({ scope: 'estate', id, name, ...figures(f), below })

/** As the server sends them: lowest 响应率 first. */
const ESTATES: FigureRow[] = [
  estate('e-heping', '和平小区', { received: 2, dispatched: 2, acceptedWithinSla: 0, openOverdue: 2, responseRate: 0, resolutionRate: 0 }, ['responseRate', 'resolutionRate']),
  estate('_none', '未关联小区', { received: 1, dispatched: 1, acceptedWithinSla: 1, resolved: 1, rated: 1, satisfiedOrBasic: 1, responseRate: 1, resolutionRate: 1, satisfactionRate: 1 }),
  estate('e-xingfu', '幸福小区', { received: 2, dispatched: 2, acceptedWithinSla: 2, resolved: 2, rated: 2, satisfiedOrBasic: 1, responseRate: 1, resolutionRate: 1, satisfactionRate: 0.5 }, ['satisfactionRate']),
]

const dashboard = (estates: FigureRow[]): Dashboard => ({
  scope: 'community', id: 'c-dongjie', name: '东街社区', period: '2026-09', target: 1, sortBy: 'responseRate',
  total: { scope: 'community', id: 'c-dongjie', name: '东街社区', ...figures({}), below: [] },
  towns: [], communities: [], units: [], estates, trend: [],
})

describe('各小区（网格）', () => {
  let testUtils: TestUtils

  beforeEach(() => {
    testUtils = new TestUtils()
    jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
  })

  afterEach(() => {
    testUtils.unmout()
    document.body.innerHTML = ''
    jest.restoreAllMocks()
  })

  it('lists every estate in the server’s order with its demands and each rate’s figures as text, below-target marked', async () => {
    await testUtils.mount(() => <EstatesSection dashboard={dashboard(ESTATES)} sortBy='responseRate' />)
    await testUtils.queries.waitForQuerySelector('.jl-rank-row')
    expect(text(document.querySelector('.jl-section__title, .jl-section'))).toContain('各小区（网格）')
    const rows = [...document.querySelectorAll('.jl-rank-row')]
    expect(rows.map((r) => text(r.querySelector('.jl-rank-row__name')))).toEqual(['和平小区', '未关联小区', '幸福小区'])
    expect(text(rows[0].querySelector('.jl-rank-row__place'))).toBe('第1名')
    const heping = text(rows[0])
    expect(heping).toContain('诉求量 2')
    expect(heping).toContain('响应率0%未达标')
    expect(heping).toContain('按时接单 0÷派单 2')
    expect(heping).toContain('超期未解决 2')
    // Marked in words, never by colour alone; only the rates below the target.
    expect(rows[0].querySelectorAll('.jl-rate-line--below')).toHaveLength(2)
    expect(rows[1].querySelectorAll('.jl-rate-line--below')).toHaveLength(0)
    expect(text(rows[2])).toContain('满意率50%未达标')
    expect(text(rows[2])).toContain('满意和基本满意 1÷已评价 2')
  })

  it('opens exactly the items a figure counts: the community’s items of that estate', async () => {
    await testUtils.mount(() => <EstatesSection dashboard={dashboard(ESTATES)} sortBy='responseRate' />)
    await testUtils.queries.waitForQuerySelector('.jl-rank-row')
    const overdue = [...document.querySelectorAll('.jl-rank-row')][0].querySelectorAll('.jl-figure--link')
    const link = [...overdue].find((el) => text(el) === '超期未解决 2') as HTMLElement
    link.click()
    const url = (Taro.navigateTo as jest.Mock).mock.calls[0][0].url as string
    const q = new URLSearchParams(url.split('?')[1])
    expect(url.startsWith('/packages/stats/items/index?')).toBe(true)
    expect(Object.fromEntries(q)).toEqual({ scope: 'community', id: 'c-dongjie', estateId: 'e-heping', period: '2026-09', figure: 'openOverdue', name: '东街社区 · 和平小区' })
    // A zero opens nothing.
    expect([...document.querySelectorAll('.jl-rank-row')][0].querySelectorAll('.jl-figure:not(.jl-figure--link)').length).toBeGreaterThan(0)
  })

  it('a period before the estate counters: the estates with nothing counted, said in words', async () => {
    await testUtils.mount(() => <EstatesSection dashboard={dashboard([estate('e-heping', '和平小区', {}), estate('e-xingfu', '幸福小区', {})])} sortBy='responseRate' />)
    await testUtils.queries.waitForQuerySelector('.jl-rank-row')
    expect(text(document.body)).toContain('更早月份的诉求未按小区统计')
    expect(text(document.body)).toContain('响应率暂无')
  })
})
