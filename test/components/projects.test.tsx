import Taro from '@tarojs/taro'

import type { Me } from '@/types/domain'
import type { ProjectView } from '@/types/projects'

import Page from '../../src/components/Page'
import ProjectSteps from '../../src/packages/projects/components/ProjectSteps'
import { projectTabsFor } from '../../src/domain/projects'
import { SessionProvider } from '../../src/store/session'
import { makeMe } from './fixtures'
import { answer, button, buttons, callMock, eachTestAs, MODAL_CANCEL, MODAL_OK, text, waitFor } from './helpers'

jest.mock('../../src/services/api', () => {
  const actual = jest.requireActual('../../src/services/api')
  return { ...actual, call: jest.fn(), listDevUsers: jest.fn() }
})

function makeProject(overrides: Partial<ProjectView> = {}): ProjectView {
  return {
    _id: 'p-1', origin: 'need', communityId: 'c-dongjie', communityName: '东街社区', title: '四点半学校辅导', description: '放学后辅导作业', helpWanted: '每周两次',
    period: { from: '2026-11-01', to: '2026-12-31' }, year: '2026', unitId: null, unitName: null, pairingId: null, serviceId: null, status: 'open',
    publishedBy: { name: '周芳' }, claim: null, members: [], progress: [], completion: null, rating: null, declineReason: null,
    claimableBy: [{ unitId: 'unit-renshe', unitName: '县人社局' }], createdAt: '2026-11-01T02:00:00.000Z', allowedActions: ['claim'],
    ...overrides,
  }
}

const liaison = makeMe({ openid: 'demo-liaison-renshe', name: '赵敏', roles: [{ role: 'resident' }, { role: 'liaison', unitId: 'unit-renshe' }] })
const utils = eachTestAs(liaison.openid)

const mount = (p: ProjectView) =>
  utils().mount(() => (
    <SessionProvider>
      <Page>
        <ProjectSteps initial={p} />
      </Page>
    </SessionProvider>
  ))

describe('a project’s steps', () => {
  it('only the steps the server allows; 认领 only after the liaison confirms, for the paired unit', async () => {
    answer({ 'org.me': () => liaison, 'projects.claim': () => makeProject({ status: 'active', unitId: 'unit-renshe', unitName: '县人社局', allowedActions: ['progress'] }) })
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValueOnce(MODAL_CANCEL).mockResolvedValueOnce(MODAL_OK)
    await mount(makeProject())
    await utils().queries.waitForQuerySelector('.jl-tag--strong')
    expect(buttons()).toEqual(['认领这个项目'])
    utils().fireEvent.click(button('认领这个项目'))
    await waitFor(() => expect(modal).toHaveBeenCalledTimes(1))
    expect(callMock).not.toHaveBeenCalledWith('projects', 'claim', expect.anything())
    utils().fireEvent.click(button('认领这个项目'))
    await waitFor(() => expect(text(document.querySelector('.jl-tag--strong'))).toBe('进行中'))
    expect(callMock).toHaveBeenCalledWith('projects', 'claim', { id: 'p-1', unitId: 'unit-renshe' })
    expect(text(document.body)).toContain('承接单位：县人社局')
    expect(buttons()).toEqual(['登记进展'])
  })

  it('登记完成 asks for the summary before it asks to confirm', async () => {
    answer({ 'org.me': () => liaison })
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValue(MODAL_OK)
    await mount(makeProject({ status: 'active', unitId: 'unit-renshe', unitName: '县人社局', allowedActions: ['progress', 'complete'] }))
    await utils().queries.waitForQuerySelector('.jl-tag--strong')
    utils().fireEvent.click(button('登记完成'))
    await waitFor(() => expect(buttons()).toContain('确认完成'))
    utils().fireEvent.click(button('确认完成'))
    await waitFor(() => expect(text(document.body)).toContain('请写明原因或情况'))
    expect(modal).not.toHaveBeenCalled()
    expect(callMock).not.toHaveBeenCalledWith('projects', 'complete', expect.anything())
  })
})

describe('the lists each role sees', () => {
  it('staff, liaison, member, resident', () => {
    const keys = (roles: Me['roles'], community = true) => projectTabsFor(makeMe({ roles, ...(community ? {} : { community: null }) })).map((t) => t.key)
    expect(keys([{ role: 'staff', communityId: 'c-dongjie' }])).toEqual(['needs', 'services', 'plan'])
    expect(keys([{ role: 'liaison', unitId: 'u1' }, { role: 'member', unitId: 'u1' }])).toEqual(['claimable', 'unit', 'unitServices', 'plan'])
    expect(keys([{ role: 'member', unitId: 'u1' }])).toEqual(['unit', 'mine', 'plan'])
    expect(keys([{ role: 'resident' }])).toEqual(['needs', 'plan'])
    expect(keys([{ role: 'resident' }], false)).toEqual([])
  })
})
