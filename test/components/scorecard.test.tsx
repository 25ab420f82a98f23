import TestUtils from '@tarojs/test-utils-react'
import Taro from '@tarojs/taro'

import type { Scorecard } from '@/types/dispatch'
import type { RegionNode } from '@/types/domain'

import Page from '../../src/components/Page'
import ScorecardScreen from '../../src/packages/dispatch/components/ScorecardScreen'
import * as api from '../../src/services/api'
import { SessionProvider } from '../../src/store/session'
import { makeMe } from './fixtures'
import { callMock, text, waitFor } from './helpers'

jest.mock('../../src/services/api', () => {
  const actual = jest.requireActual('../../src/services/api')
  return { ...actual, call: jest.fn(), listDevUsers: jest.fn() }
})

// jsdom has no canvas drawing: uCharts is replaced by a recorder of what it was asked to draw.
const drawn: { categories: string[]; series: { data: (number | null)[]; formatter: (v: number | null) => string }[] }[] = []
jest.mock('@qiun/ucharts', () => ({
  __esModule: true,
  default: jest.fn().mockImplementation((opts) => {
    drawn.push(opts)
  }),
}))

const node = (n: Partial<RegionNode> & Pick<RegionNode, '_id' | 'level' | 'name'>): RegionNode => ({ parentId: null, path: [], depth: 0, children: [], ...n })
const TREE: RegionNode[] = [
  node({ _id: 'county', level: 'county', name: '示范县', children: [node({ _id: 't-1', level: 'town', name: '城关镇', depth: 1, children: [node({ _id: 'c-dongjie', level: 'community', name: '东街社区', depth: 2 })] })] }),
]

function makeCard(overrides: Partial<Scorecard> = {}): Scorecard {
  return {
    scope: 'community',
    id: 'c-dongjie',
    month: '2025-05',
    dispatched: 8,
    acceptedWithinSla: 6,
    resolved: 4,
    openOverdue: 1,
    rated: 0,
    satisfiedOrBasic: 0,
    responseRate: 0.75,
    resolutionRate: 0.8,
    satisfactionRate: null,
    avgAcceptHours: 2,
    avgResolveHours: 30,
    ...overrides,
  }
}

describe('三率', () => {
  let testUtils: TestUtils
  const getContext = HTMLCanvasElement.prototype.getContext
  const getBoundingClientRect = HTMLCanvasElement.prototype.getBoundingClientRect

  beforeEach(() => {
    drawn.length = 0
    localStorage.setItem('jinlin.openid', 'o-staff-1')
    testUtils = new TestUtils()
    callMock.mockReset()
    HTMLCanvasElement.prototype.getContext = jest.fn(() => ({})) as unknown as typeof getContext
    HTMLCanvasElement.prototype.getBoundingClientRect = () => ({ width: 320, height: 220 }) as DOMRect
    // The test harness mounts no routed page, which Taro's H5 selector query needs; answer as it would.
    jest.spyOn(Taro, 'createSelectorQuery').mockImplementation(() => {
      const query = {
        select: (selector: string) => ({
          fields: () => ({
            exec: (cb: (res: unknown[]) => void) => {
              const host = document.querySelector(selector)
              setTimeout(() => cb([host ? { node: host.querySelector('canvas') } : null]), 0)
              return query
            },
          }),
        }),
      }
      return query as unknown as Taro.SelectorQuery
    })
  })

  afterEach(() => {
    testUtils.unmout()
    document.body.innerHTML = ''
    localStorage.clear()
    jest.restoreAllMocks()
    HTMLCanvasElement.prototype.getContext = getContext
    HTMLCanvasElement.prototype.getBoundingClientRect = getBoundingClientRect
  })

  const mount = async (card: Scorecard) => {
    callMock.mockImplementation(((fn: string, action: string) => {
      if (fn === 'org' && action === 'me') return Promise.resolve(makeMe())
      if (fn === 'org' && action === 'regionTree') return Promise.resolve(TREE)
      if (fn === 'org' && action === 'listUnits') return Promise.resolve([])
      if (fn === 'dispatch' && action === 'scorecard') return Promise.resolve(card)
      return Promise.reject(new Error(`unexpected call ${fn}.${action}`))
    }) as typeof api.call)
    await testUtils.mount(() => (
      <SessionProvider>
        <Page>
          <ScorecardScreen me={makeMe()} />
        </Page>
      </SessionProvider>
    ))
  }

  it('writes the three rates as text and draws them as a labelled chart', async () => {
    await mount(makeCard())
    await testUtils.queries.waitForQuerySelector('.jl-rates')

    const rates = [...testUtils.queries.querySelectorAll('.jl-rates__item')].map(text)
    expect(rates[0]).toContain('响应率75%')
    expect(rates[1]).toContain('解决率80%')
    expect(rates[2]).toContain('满意率暂无')
    expect(rates[2]).toContain('本月还没有评价')
    expect([...testUtils.queries.querySelectorAll('.jl-bars__value')].map(text)).toEqual(['75%', '80%', '暂无'])

    const chart = testUtils.queries.querySelector('.jl-rate-chart')
    expect(chart).not.toBeNull()
    expect(chart?.getAttribute('role')).toBe('img')
    expect(chart?.getAttribute('aria-label')).toBe('三率柱状图：响应率75%，解决率80%，满意率暂无')

    await waitFor(() => expect(drawn).toHaveLength(1))
    expect(drawn[0].categories).toEqual(['响应率', '解决率', '满意率'])
    expect(drawn[0].series[0].data).toEqual([75, 80, null])
    expect(drawn[0].series[0].data.map((v) => drawn[0].series[0].formatter(v))).toEqual(['75%', '80%', ''])
  })

  it('states each formula with this month’s numerator and denominator, and how ratings count', async () => {
    await mount(makeCard({ rated: 4, satisfiedOrBasic: 3, satisfactionRate: 0.75 }))
    await testUtils.queries.waitForQuerySelector('.jl-rates')
    const formulas = [...testUtils.queries.querySelectorAll('.jl-rates__formula')].map(text)
    expect(formulas).toEqual(['按时接单 6 ÷ 派单 8', '已解决 4 ÷（已解决 4 + 超期未解决 1）', '（满意 + 基本满意）3 ÷ 已评价 4'])
    const page = text(document.body)
    expect(page).toContain('响应率 = 按时接单 ÷ 派单')
    expect(page).toContain('解决率 = 已解决 ÷（已解决 + 超期未解决）')
    expect(page).toContain('超过办结时限还没验收的（含待验收）一直算超期未解决')
    expect(page).toContain('满意率 =（满意 + 基本满意）÷ 已评价：每件诉求只算一次，按最后一次评价；没评价的不算满意。')
    expect(page).toContain('超期未解决1 件')
  })

  it('draws the rates that have data, leaving a rate without data to the words', async () => {
    await mount(makeCard({ dispatched: 0, acceptedWithinSla: 0, resolved: 0, openOverdue: 1, responseRate: null, resolutionRate: 0, satisfactionRate: null }))
    await testUtils.queries.waitForQuerySelector('.jl-rate-chart')
    await waitFor(() => expect(drawn).toHaveLength(1))
    expect(drawn[0].series[0].data).toEqual([null, 0, null])
    expect([...testUtils.queries.querySelectorAll('.jl-bars__value')].map(text)).toEqual(['暂无', '0%', '暂无'])
  })

  it('draws no chart when no rate has data', async () => {
    await mount(makeCard({ responseRate: null, resolutionRate: null, satisfactionRate: null }))
    await testUtils.queries.waitForQuerySelector('.jl-rates')
    expect(testUtils.queries.querySelector('.jl-rate-chart')).toBeNull()
    expect([...testUtils.queries.querySelectorAll('.jl-bars__value')].map(text)).toEqual(['暂无', '暂无', '暂无'])
    expect(drawn).toHaveLength(0)
  })
})
