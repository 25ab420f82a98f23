/**
 * The only caller of the backend. Pages and stores go through `call()`; nothing else touches
 * `Taro.cloud` or the network.
 *
 * Transport is chosen at build time by `process.env.TARO_ENV` (replaced by Taro's DefinePlugin):
 * - 'weapp': `Taro.cloud.callFunction({ name: fn, data: { action, ...payload } })`, envelope in `res.result`;
 *   the caller's identity is the WeChat OPENID the platform injects.
 * - anything else (H5): `POST ${JINLIN_API_BASE}/api/${fn}` with the same body and the demo
 *   identity in the `x-openid` header (local mode only).
 */
import Taro from '@tarojs/taro'

import type { ActionName, DevUser, FunctionName, RequestOf, ResponseOf } from '@/types/api'
import type { Envelope, ErrorCode } from '@/types/errors'

import { CLOUD_ENV_ID } from './cloud-env'
import { askToSubscribe } from './subscriptions'

/** Error codes the client can see: the server's, plus a failed request. */
export type ClientErrorCode = ErrorCode | 'NETWORK'

export const NETWORK_MESSAGE = '网络异常，请稍后再试'

/** A refusal from the backend (`{ ok: false }`) or a request that failed; `message` is Chinese, shown as is. */
export class ApiCallError extends Error {
  readonly code: ClientErrorCode

  constructor(code: ClientErrorCode, message: string) {
    super(message)
    this.name = 'ApiCallError'
    this.code = code
    // Keep `instanceof` working when classes are compiled down to ES5.
    Object.setPrototypeOf(this, ApiCallError.prototype)
  }
}

export function isApiCallError(e: unknown): e is ApiCallError {
  return e instanceof ApiCallError
}

/** What to tell the person about a failed call: the server's Chinese message, or the network one. */
export const messageOf = (e: unknown) => (isApiCallError(e) ? e.message : NETWORK_MESSAGE)

const OPENID_KEY = 'jinlin.openid'

function storage(): Storage | null {
  try {
    return typeof window !== 'undefined' && window.localStorage ? window.localStorage : null
  } catch {
    return null
  }
}

/** H5 only: the demo identity chosen in the role switcher, or null. Always null in WeChat. */
export function getDemoOpenid(): string | null {
  if (process.env.TARO_ENV === 'weapp') return null
  return storage()?.getItem(OPENID_KEY) || null
}

/** H5 only: remember (or with null, forget) the demo identity. */
export function setDemoOpenid(openid: string | null): void {
  if (process.env.TARO_ENV === 'weapp') return
  const s = storage()
  if (!s) return
  if (openid) s.setItem(OPENID_KEY, openid)
  else s.removeItem(OPENID_KEY)
}

/** Whether this build talks to the local cloud over HTTP (H5) rather than to WeChat's cloud. */
export function isLocalMode(): boolean {
  return process.env.TARO_ENV !== 'weapp'
}

function apiBase(): string {
  return (process.env.JINLIN_API_BASE || '').replace(/\/+$/, '')
}

function isEnvelope(x: unknown): x is Envelope<unknown> {
  if (typeof x !== 'object' || x === null || typeof (x as { ok?: unknown }).ok !== 'boolean') return false
  if ((x as { ok: boolean }).ok) return 'data' in x
  const error = (x as { error?: unknown }).error
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string'
}

function unwrap<T>(body: unknown): T {
  if (!isEnvelope(body)) throw new ApiCallError('NETWORK', NETWORK_MESSAGE)
  if (body.ok) return body.data as T
  throw new ApiCallError(body.error.code, body.error.message || NETWORK_MESSAGE)
}

async function fetchJson(path: string, init: RequestInit): Promise<unknown> {
  let res: Response
  try {
    res = await fetch(apiBase() + path, init)
  } catch {
    throw new ApiCallError('NETWORK', NETWORK_MESSAGE)
  }
  // Refusals come with 4xx statuses and an envelope body: read the body whatever the status.
  try {
    return await res.json()
  } catch {
    throw new ApiCallError('NETWORK', NETWORK_MESSAGE)
  }
}

function headers(): Record<string, string> {
  const h: Record<string, string> = { 'content-type': 'application/json' }
  const openid = getDemoOpenid()
  if (openid) h['x-openid'] = openid
  return h
}

/**
 * Call one action of one cloud function. Resolves with `data` of `{ ok: true, data }`; rejects
 * with an `ApiCallError` carrying the envelope's code and Chinese message, or code 'NETWORK'.
 */
export async function call<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  payload: RequestOf<F, A>,
): Promise<ResponseOf<F, A>> {
  const body = { action, ...(payload as object) }
  if (process.env.TARO_ENV === 'weapp') {
    // First, while still inside the tap that started the action: consent to the messages it leads to.
    await askToSubscribe(fn, action)
    let result: unknown
    try {
      const res = await Taro.cloud.callFunction({ name: fn, data: body })
      result = res.result
    } catch {
      throw new ApiCallError('NETWORK', NETWORK_MESSAGE)
    }
    return unwrap<ResponseOf<F, A>>(result)
  }
  const json = await fetchJson(`/api/${fn}`, { method: 'POST', headers: headers(), body: JSON.stringify(body) })
  return unwrap<ResponseOf<F, A>>(json)
}

/** H5 only: the demo users of the local cloud, for the role switcher. Empty in WeChat. */
export async function listDevUsers(): Promise<DevUser[]> {
  if (process.env.TARO_ENV === 'weapp') return []
  const json = await fetchJson('/api/dev/users', { method: 'GET', headers: { accept: 'application/json' } })
  return unwrap<DevUser[]>(json)
}

let cloudReady = false

/** WeChat only, once at start-up: bind `wx.cloud` to the environment in `CLOUD_ENV_ID`. */
export function initCloud(): void {
  if (process.env.TARO_ENV !== 'weapp' || cloudReady) return
  Taro.cloud.init({ env: CLOUD_ENV_ID, traceUser: true })
  cloudReady = true
}

type PhotoType = RequestOf<'dispatch', 'uploadPhoto'>['contentType']

/**
 * Uploads a chosen photo through `dispatch.uploadPhoto`. In WeChat the file is marked with
 * `wx.cloud.CDN`: the platform puts it on a temporary CDN during the call and the function
 * receives a URL (WeChat's advice above ~100 KB, instead of base64 through callFunction). In H5
 * (the local cloud) the bytes go as base64, which the caller has read already to check them.
 */
export function uploadPhoto(filePath: string, contentType: PhotoType, base64: string): Promise<ResponseOf<'dispatch', 'uploadPhoto'>> {
  if (process.env.TARO_ENV === 'weapp') {
    // Taro's typings lack CDN; miniprogram-api-typings declare it as callable (ICDNConstructor).
    const cloud = Taro.cloud as unknown as { CDN: (spec: { type: 'filePath'; filePath: string }) => unknown }
    // The marker object becomes a URL string in transit, which is what the contract describes.
    const cdn = cloud.CDN({ type: 'filePath', filePath }) as string
    return call('dispatch', 'uploadPhoto', { contentType, cdn })
  }
  return call('dispatch', 'uploadPhoto', { contentType, base64 })
}

/**
 * The workbook to import, stored where `imports.dryRun` reads it. WeChat: the chosen file goes
 * straight to cloud storage under `imports/<openid>/` (the function checks the owner); H5: its
 * bytes as base64 through `imports.upload`.
 */
export async function uploadWorkbook(source: { filePath: string; openid: string } | { base64: string }): Promise<string> {
  if ('base64' in source) return (await call('imports', 'upload', { base64: source.base64 })).fileID
  initCloud()
  const res = await Taro.cloud.uploadFile({ cloudPath: `imports/${source.openid}/${Date.now()}.xlsx`, filePath: source.filePath })
  return res.fileID
}

/** Opens a file the backend handed out: H5 in a new tab; WeChat downloads it and opens the document. */
export async function openFile(url: string, fileType: 'xlsx'): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') {
    window.open(url, '_blank')
    return
  }
  const res = await Taro.downloadFile({ url })
  await Taro.openDocument({ filePath: res.tempFilePath, fileType, showMenu: true })
}

/**
 * Saves a workbook the backend wrote: in WeChat it is downloaded and opened (the person forwards
 * or saves it from the document's menu); in H5 a link with `download` saves it under its name.
 */
export async function saveFile(url: string, fileName: string): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') {
    const a = document.createElement('a')
    a.href = url
    a.download = fileName
    a.rel = 'noopener'
    document.body.appendChild(a)
    a.click()
    a.remove()
    return
  }
  const res = await Taro.downloadFile({ url })
  await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'xlsx', showMenu: true })
}
