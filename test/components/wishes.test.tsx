import Taro from '@tarojs/taro'

import type { WishView } from '@/types/wishes'

import Page from '../../src/components/Page'
import WishCard from '../../src/packages/wishes/components/WishCard'
import WallPage from '../../src/packages/wishes/wall/index'
import { SessionProvider } from '../../src/store/session'
import { makeMe } from './fixtures'
import { answer, button, buttons, callMock, eachTestAs, MODAL_CANCEL, MODAL_OK, text, waitFor } from './helpers'

jest.mock('../../src/services/api', () => {
  const actual = jest.requireActual('../../src/services/api')
  return { ...actual, call: jest.fn(), listDevUsers: jest.fn() }
})

function makeWish(overrides: Partial<WishView> = {}): WishView {
  return {
    _id: 'w-1',
    communityId: 'c-dongjie',
    title: '一副老花镜',
    reason: '看不清药盒上的字',
    neededBy: '2026-12-20',
    status: 'approved',
    publicName: '王**',
    photos: [],
    claim: null,
    fulfilment: null,
    declineReason: null,
    createdAt: '2026-12-01T02:00:00.000Z',
    approvedAt: '2026-12-01T03:00:00.000Z',
    confirmedAt: null,
    allowedActions: ['claim'],
    ...overrides,
  }
}

const member = makeMe({ openid: 'demo-member-zhang', name: '张伟', roles: [{ role: 'resident' }, { role: 'member', unitId: 'unit-renshe' }] })
const utils = eachTestAs(member.openid)

const mount = (w: WishView) =>
  utils().mount(() => (
    <SessionProvider>
      <Page>
        <WishCard w={w} />
      </Page>
    </SessionProvider>
  ))

describe('a wish card', () => {
  it('on the wall: 「王**的微心愿」 with only the steps the server allows; 认领 only after the person confirms', async () => {
    answer({ 'org.me': () => member, 'wishes.claim': () => makeWish({ status: 'claimed', allowedActions: ['fulfil'], claim: { name: '张伟', via: 'member', unitName: '县人社局', at: '2026-12-02T02:00:00.000Z' }, contact: { name: '王秀英', phone: '13800001001', address: '幸福小区1号楼 302' } }) })
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValueOnce(MODAL_CANCEL).mockResolvedValueOnce(MODAL_OK)
    await mount(makeWish())
    await utils().queries.waitForQuerySelector('.jl-card')
    expect(text(document.body)).toContain('王**的微心愿')
    expect(text(document.body)).not.toContain('心愿人：')
    expect(buttons()).toEqual(['我来认领'])
    utils().fireEvent.click(button('我来认领'))
    await waitFor(() => expect(modal).toHaveBeenCalledTimes(1))
    expect(callMock).not.toHaveBeenCalledWith('wishes', 'claim', expect.anything())
    utils().fireEvent.click(button('我来认领'))
    await waitFor(() => expect(text(document.querySelector('.jl-tag--strong'))).toBe('已认领'))
    expect(callMock).toHaveBeenCalledWith('wishes', 'claim', { id: 'w-1' })
    // Claimed: where to deliver it, and the next step.
    expect(text(document.body)).toContain('送达地址：幸福小区1号楼 302')
    expect(text(document.body)).toContain('县人社局 张伟认领')
    expect(buttons()).toEqual(['登记已送达'])
  })

  it('staff decline only with a reason, which they are asked to write', async () => {
    answer({ 'org.me': () => member, 'wishes.decline': (p) => makeWish({ status: 'declined', allowedActions: [], declineReason: (p as { reason: string }).reason }) })
    jest.spyOn(Taro, 'showModal').mockResolvedValue(MODAL_OK)
    await mount(makeWish({ status: 'pending', allowedActions: ['approve', 'decline'] }))
    await utils().queries.waitForQuerySelector('.jl-card')
    expect(buttons()).toEqual(['审核通过，上墙', '不通过'])
    utils().fireEvent.click(button('不通过'))
    await waitFor(() => expect(buttons()).toContain('确认不通过'))
    utils().fireEvent.click(button('确认不通过'))
    await waitFor(() => expect(text(document.body)).toContain('请写明不通过的原因'))
    expect(callMock).not.toHaveBeenCalledWith('wishes', 'decline', expect.anything())
  })
})

describe('the wall for a member of a paired unit who lives elsewhere', () => {
  it('offers 居住 and 结对 communities; choosing one lists that wall, where posting one’s own wish is not offered', async () => {
    const chen = makeMe({
      openid: 'demo-member-chen',
      name: '陈静',
      roles: [{ role: 'resident' }, { role: 'member', unitId: 'unit-renshe' }],
      community: { _id: 'c-ximen', name: '西门社区' },
      unit: { _id: 'unit-renshe', name: '县人社局', communities: [{ _id: 'c-dongjie', name: '东街社区' }] },
    })
    localStorage.setItem('jinlin.openid', chen.openid)
    const walls: string[] = []
    answer({
      'org.me': () => chen,
      'wishes.counts': () => ({ claimed: 0, confirmed: 0 }),
      'wishes.list': (p) => {
        const { communityId } = p as { communityId: string }
        walls.push(communityId)
        return { items: communityId === 'c-dongjie' ? [makeWish({ title: '东街的心愿' })] : [], page: 1, pageSize: 20, hasMore: false }
      },
    })
    utils().mount(() => (
      <SessionProvider>
        <WallPage />
      </SessionProvider>
    ))
    await waitFor(() => expect(document.body.textContent).toContain('西门社区的微心愿'))
    expect(buttons()).toContain('我有一个心愿')
    const paired = [...document.querySelectorAll('[role="radio"]')].find((r) => text(r) === '东街社区 · 结对') as HTMLElement
    paired.click()
    await waitFor(() => expect(document.body.textContent).toContain('东街的心愿'))
    expect(document.body.textContent).toContain('东街社区的微心愿')
    expect(walls).toEqual(expect.arrayContaining(['c-ximen', 'c-dongjie']))
    expect(buttons()).not.toContain('我有一个心愿')
  })
})
