import { ApiCallError, call, getDemoOpenid, listDevUsers, NETWORK_MESSAGE, setDemoOpenid, uploadPhoto } from '../../src/services/api'
import { SUBSCRIBE_BEFORE, TEMPLATE_IDS, templatesFor } from '../../src/services/subscriptions'
import { makeDevUser, makeMe } from './fixtures'

type FetchMock = jest.Mock<Promise<Partial<Response>>, [string, RequestInit?]>

function respond(status: number, body: unknown): Partial<Response> {
  return { ok: status < 400, status, json: () => Promise.resolve(body) }
}

describe('service module (H5 transport)', () => {
  let fetchMock: FetchMock

  beforeEach(() => {
    localStorage.clear()
    fetchMock = jest.fn()
    globalThis.fetch = fetchMock as unknown as typeof fetch
  })

  it('posts { action, ...payload } to /api/<function> with the demo openid and resolves with data', async () => {
    setDemoOpenid('o-staff-1')
    const me = makeMe()
    fetchMock.mockResolvedValue(respond(200, { ok: true, data: me }))

    await expect(call('org', 'setElderMode', { elderMode: true })).resolves.toEqual(me)

    expect(fetchMock).toHaveBeenCalledTimes(1)
    const [url, init] = fetchMock.mock.calls[0]
    expect(url).toBe('/api/org')
    expect(init?.method).toBe('POST')
    expect(init?.headers).toEqual({ 'content-type': 'application/json', 'x-openid': 'o-staff-1' })
    expect(JSON.parse(String(init?.body))).toEqual({ action: 'setElderMode', elderMode: true })
  })

  it('maps an { ok: false } envelope to ApiCallError with its code and Chinese message', async () => {
    fetchMock.mockResolvedValue(respond(403, { ok: false, error: { code: 'FORBIDDEN', message: '只有本社区的工作人员可以查看' } }))

    const error = await call('org', 'listUsers', {}).catch((e: unknown) => e)

    expect(error).toBeInstanceOf(ApiCallError)
    expect(error).toMatchObject({ code: 'FORBIDDEN', message: '只有本社区的工作人员可以查看' })
  })

  it('turns a failed request into code NETWORK with 网络异常，请稍后再试', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'))
    await expect(call('org', 'me', {})).rejects.toMatchObject({ code: 'NETWORK', message: NETWORK_MESSAGE })
    expect(NETWORK_MESSAGE).toBe('网络异常，请稍后再试')
  })

  it('treats a body that is not an envelope (e.g. a 404 page) as a network failure', async () => {
    fetchMock.mockResolvedValue({ ok: false, status: 404, json: () => Promise.reject(new SyntaxError('Unexpected token')) })
    await expect(call('org', 'me', {})).rejects.toMatchObject({ code: 'NETWORK' })
  })

  it('sends no x-openid header until a demo identity is chosen, and remembers the choice in localStorage', async () => {
    fetchMock.mockResolvedValue(respond(401, { ok: false, error: { code: 'UNAUTHENTICATED', message: '请先选择身份' } }))
    await expect(call('org', 'me', {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' })
    expect(fetchMock.mock.calls[0][1]?.headers).toEqual({ 'content-type': 'application/json' })

    expect(getDemoOpenid()).toBeNull()
    setDemoOpenid('o-member-2')
    expect(localStorage.getItem('jinlin.openid')).toBe('o-member-2')
    expect(getDemoOpenid()).toBe('o-member-2')
    setDemoOpenid(null)
    expect(getDemoOpenid()).toBeNull()
  })

  it('lists demo users with GET /api/dev/users', async () => {
    const users = [makeDevUser(), makeDevUser({ openid: 'o-member-2', name: '王建国', label: '党员 · 县卫健局' })]
    fetchMock.mockResolvedValue(respond(200, { ok: true, data: users }))
    await expect(listDevUsers()).resolves.toEqual(users)
    expect(fetchMock.mock.calls[0][0]).toBe('/api/dev/users')
    expect(fetchMock.mock.calls[0][1]?.method).toBe('GET')
  })
})

describe('uploadPhoto: base64 in H5, a wx.cloud.CDN marker in WeChat', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Taro = require('@tarojs/taro').default as { cloud: Record<string, unknown> }
  const env = process.env.TARO_ENV
  const cloud = Taro.cloud
  afterEach(() => {
    process.env.TARO_ENV = env
    Taro.cloud = cloud
  })

  it('H5 posts the bytes as base64', async () => {
    const fetchMock: FetchMock = jest.fn().mockResolvedValue(respond(200, { ok: true, data: { fileID: 'cloud://x/demands/o/a.png', url: '/files/a.png' } }))
    globalThis.fetch = fetchMock as unknown as typeof fetch
    await uploadPhoto('blob:http://local/1', 'image/png', 'iVBORw0K')
    expect(JSON.parse(String(fetchMock.mock.calls[0][1]?.body))).toEqual({ action: 'uploadPhoto', contentType: 'image/png', base64: 'iVBORw0K' })
  })

  it('WeChat marks the file for the temporary CDN and sends no bytes through callFunction', async () => {
    process.env.TARO_ENV = 'weapp'
    const marker = { cdnMarker: true }
    const CDN = jest.fn().mockReturnValue(marker)
    const callFunction = jest.fn().mockResolvedValue({ result: { ok: true, data: { fileID: 'cloud://env/demands/o/a.png', url: 'https://t/a.png' } } })
    Taro.cloud = { ...cloud, CDN, callFunction }
    await expect(uploadPhoto('wxfile://tmp_1.png', 'image/png', 'iVBORw0K')).resolves.toEqual({ fileID: 'cloud://env/demands/o/a.png', url: 'https://t/a.png' })
    expect(CDN).toHaveBeenCalledWith({ type: 'filePath', filePath: 'wxfile://tmp_1.png' })
    expect(callFunction).toHaveBeenCalledWith({ name: 'dispatch', data: { action: 'uploadPhoto', contentType: 'image/png', cdn: marker } })
  })
})

describe('subscribe messages: asked for inside the tap, before the action that leads to them', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Taro = require('@tarojs/taro').default as Record<string, unknown> & { cloud: Record<string, unknown> }
  const env = process.env.TARO_ENV
  const cloud = Taro.cloud
  const ask = Taro.requestSubscribeMessage
  const saved = { ...TEMPLATE_IDS }
  let order: string[]
  beforeEach(() => {
    process.env.TARO_ENV = 'weapp'
    order = []
    Taro.cloud = { ...cloud, callFunction: jest.fn(async () => (order.push('callFunction'), { result: { ok: true, data: { _id: 'd1' } } })) }
  })
  afterEach(() => {
    process.env.TARO_ENV = env
    Taro.cloud = cloud
    Taro.requestSubscribeMessage = ask
    Object.assign(TEMPLATE_IDS, saved)
  })

  it('asks at most three templates a tap (WeChat’s limit): the resident’s 已受理, 已办结 and 请评价 on 提交', () => {
    for (const ids of Object.values(SUBSCRIBE_BEFORE)) expect(ids.length).toBeLessThanOrEqual(3)
    expect(SUBSCRIBE_BEFORE['dispatch.submit']).toEqual(['TPL_RECEIVED', 'TPL_WORK_DONE', 'TPL_PLEASE_RATE'])
    for (const id of Object.values(SUBSCRIBE_BEFORE).flat()) expect(TEMPLATE_IDS[id]).toBeDefined()
  })

  it('asks for nothing while the template ids are placeholders', async () => {
    const request = jest.fn()
    Taro.requestSubscribeMessage = request
    expect(templatesFor('dispatch', 'submit')).toEqual([])
    await call('dispatch', 'submit', { category: 'facilities', text: '楼道灯坏了' })
    expect(request).not.toHaveBeenCalled()
  })

  it('asks for the configured templates first, and a refusal does not stop the action', async () => {
    TEMPLATE_IDS.TPL_CLAIM = 'real-claim-id'
    TEMPLATE_IDS.TPL_SENT_BACK = 'real-sentback-id'
    const request = jest.fn(async (o: { tmplIds: string[] }) => {
      order.push(`ask ${o.tmplIds.join(',')}`)
      throw new Error('requestSubscribeMessage:fail user refused')
    })
    Taro.requestSubscribeMessage = request
    await expect(call('dispatch', 'claim', { id: 'd1' })).resolves.toEqual({ _id: 'd1' })
    expect(order).toEqual(['ask real-claim-id,real-sentback-id', 'callFunction'])
    await call('dispatch', 'detail', { id: 'd1' }) // not an action that leads to a message
    expect(request).toHaveBeenCalledTimes(1)
  })
})
