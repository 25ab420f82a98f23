import Taro from '@tarojs/taro'

import type { PledgeView } from '@/types/posts'

import PledgesPage from '../../src/packages/posts/pledges'
import ReviewPage from '../../src/packages/posts/review'
import { SessionProvider } from '../../src/store/session'
import { makeMe } from './fixtures'
import { answer, button, callMock, eachTestAs, formErrors, MODAL_OK, text, typeInto, waitFor } from './helpers'

jest.mock('../../src/services/api', () => {
  const actual = jest.requireActual('../../src/services/api')
  return { ...actual, call: jest.fn(), listDevUsers: jest.fn() }
})

const zhang = makeMe({ openid: 'demo-member-zhang', name: '张伟', roles: [{ role: 'resident' }, { role: 'member', unitId: 'unit-renshe' }] })
const utils = eachTestAs(zhang.openid)

const pledge = (text: string): PledgeView => ({
  _id: `pledge-${text.length}`, openid: zhang.openid, name: '张伟', communityId: 'c-dongjie', unitId: 'unit-renshe', year: '2026', text,
  status: 'pledged', fulfilment: null, rating: null, residents: { satisfied: 0, basic: 0, unsatisfied: 0 }, createdAt: '2026-12-02T02:00:00.000Z',
  allowedActions: [], myVerdict: null,
})

const mountPage = (PageComponent: () => JSX.Element) =>
  utils().mount(() => (
    <SessionProvider>
      <PageComponent />
    </SessionProvider>
  ))

describe('我的承诺 (a member)', () => {
  it('makes a pledge after asking, and the year’s list reads it again', async () => {
    const mine: PledgeView[] = []
    answer({
      'org.me': () => zhang,
      'posts.listPledges': () => ({ items: [...mine], page: 1, pageSize: 10, hasMore: false }),
      'posts.pledge': (p) => {
        const made = pledge((p as { text: string }).text)
        mine.push(made)
        return made
      },
    })
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValue(MODAL_OK)
    await mountPage(PledgesPage)
    await waitFor(() => expect(text(document.body)).toContain('今年还没有承诺'))
    expect(callMock).toHaveBeenCalledWith('posts', 'listPledges', { scope: 'mine', page: 1, pageSize: 10 })

    utils().fireEvent.click(button('作出承诺'))
    await waitFor(() => expect(formErrors()).toEqual(['请写下承诺的内容']))
    await typeInto('textarea', '每月为独居老人代购一次药品')
    utils().fireEvent.click(button('作出承诺'))
    await waitFor(() => expect(callMock).toHaveBeenCalledWith('posts', 'pledge', { text: '每月为独居老人代购一次药品' }))
    expect(modal.mock.calls[0][0]?.content).toContain('今年承诺「每月为独居老人代购一次药品」')
    await waitFor(() => expect(text(document.querySelector('.jl-pledge'))).toContain('每月为独居老人代购一次药品'))
    expect(text(document.querySelector('.jl-paged__count'))).toBe('共 1 项')
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '已作出承诺', icon: 'none' })
  })

  it('is for members only', async () => {
    const resident = makeMe({ openid: zhang.openid, name: '王秀英', roles: [{ role: 'resident' }] })
    answer({ 'org.me': () => resident })
    await mountPage(PledgesPage)
    await waitFor(() => expect(text(document.body)).toContain('承诺、践诺、评诺由在职党员参加'))
    expect(callMock).not.toHaveBeenCalledWith('posts', 'listPledges', expect.anything())
  })
})

describe('服务记录验收 (community staff)', () => {
  it('lists the logs waiting for 验收, and says so when there are none', async () => {
    const staff = makeMe({ openid: zhang.openid, name: '周芳' })
    answer({ 'org.me': () => staff, 'posts.listLogs': () => ({ items: [], page: 1, pageSize: 10, hasMore: false }) })
    await mountPage(ReviewPage)
    await waitFor(() => expect(text(document.body)).toContain('没有待验收的服务记录'))
    expect(text(document.querySelector('.jl-section__title'))).toBe('待验收的服务记录')
    expect(callMock).toHaveBeenCalledWith('posts', 'listLogs', { scope: 'review', page: 1, pageSize: 10 })
  })
})
