/**
 * Helpers every component test shares. `call` is answered from a table through `callMock`, so each
 * test file must still mock the service module itself (jest hoists `jest.mock` per file):
 *
 *   jest.mock('../../src/services/api', () => {
 *     const actual = jest.requireActual('../../src/services/api')
 *     return { ...actual, call: jest.fn(), listDevUsers: jest.fn() }
 *   })
 */
import TestUtils from '@tarojs/test-utils-react'
import Taro from '@tarojs/taro'

import * as api from '../../src/services/api'

/** `api.call` as the test file's `jest.mock` replaced it. */
export const callMock = api.call as jest.MockedFunction<typeof api.call>

/** What `Taro.showModal` resolves to when the person taps 确定 / 取消. */
export const MODAL_OK = { confirm: true, cancel: false, errMsg: 'showModal:ok', content: '' }
export const MODAL_CANCEL = { confirm: false, cancel: true, errMsg: 'showModal:ok', content: '' }

/** An element's text with its whitespace collapsed. */
export const text = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim()

/** Answers `call(fn, action, payload)` from a table; anything else is a test error. */
export function answer(table: Record<string, (payload: unknown) => unknown>) {
  callMock.mockImplementation(((fn: string, action: string, payload: unknown) => {
    const key = `${fn}.${action}`
    if (!(key in table)) return Promise.reject(new Error(`unexpected call ${key}`))
    try {
      return Promise.resolve(table[key](payload))
    } catch (e) {
      return Promise.reject(e)
    }
  }) as typeof api.call)
}

/**
 * Polls an assertion until it holds (as waitForQuerySelector does for elements), up to `timeout` ms.
 * Assert on counts, not on node lists: a failing expect prints every node with its React fiber,
 * which takes seconds and starves the page.
 */
export async function waitFor(assertion: () => void, timeout = 2000) {
  const start = Date.now()
  for (;;) {
    try {
      assertion()
      return
    } catch (e) {
      if (Date.now() - start > timeout) throw e
      await new Promise((r) => setTimeout(r, 20))
    }
  }
}

/** The form errors on the screen (FormError), in order. */
export const formErrors = () => [...document.querySelectorAll('.jl-form-error')].map(text)

/** Types into a field once Taro's H5 component has drawn its native element (that can take a moment). */
export async function typeInto(selector: string, value: string) {
  await waitFor(() => expect(document.querySelector(selector)).not.toBeNull(), 5000)
  const field = document.querySelector(selector) as HTMLInputElement
  field.value = value
  field.dispatchEvent(new Event('input', { bubbles: true }))
}

/** Every button's text on the screen, and the button of one text (taro-ui's AtButton). */
export const buttons = () => [...document.querySelectorAll('.at-button')].map(text)
export const button = (label: string) => [...document.querySelectorAll('.at-button')].find((b) => text(b) === label) as Element

/**
 * A test file's fresh renderer and clean state around each test, acting as `openid`: the session's
 * stored person, `call` reset, toasts swallowed; after each, the page unmounted and storage cleared.
 * Returns the renderer of the running test.
 */
export function eachTestAs(openid: string): () => TestUtils {
  let utils: TestUtils
  beforeEach(() => {
    localStorage.setItem('jinlin.openid', openid)
    utils = new TestUtils()
    callMock.mockReset()
    jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  })
  afterEach(() => {
    if (document.querySelector('.jl-page')) utils.unmout()
    document.body.innerHTML = ''
    localStorage.clear()
    jest.restoreAllMocks()
  })
  return () => utils
}
