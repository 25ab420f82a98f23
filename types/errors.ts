/**
 * Error codes every function may return in `{ ok: false, error: { code, message } }`.
 * The code is for programs; the message is Chinese text for the person.
 */
export type ErrorCode =
  /** No caller identity in the platform context (in local mode: no `x-openid`). */
  | 'UNAUTHENTICATED'
  /** The caller's openid is not a registered user yet (call `org.register`). */
  | 'NOT_REGISTERED'
  /** The caller lacks the role, or the object is outside their scope. */
  | 'FORBIDDEN'
  /** The event named an action this function does not have. */
  | 'UNKNOWN_ACTION'
  /** The event failed validation: missing, mistyped, over-long or unexpected fields, nested too deep, not JSON. */
  | 'INVALID_INPUT'
  /** The request is larger than a function accepts (EVENT_LIMITS); send less (fewer or smaller photos). */
  | 'PAYLOAD_TOO_LARGE'
  /** An id in the event names nothing the caller can see. */
  | 'NOT_FOUND'
  /** The object changed under the caller or the write would duplicate one (retry after reloading). */
  | 'CONFLICT'
  /** The object is not in a state that allows this step (e.g. rating a demand not yet verified). */
  | 'INVALID_STATE'
  /** Too many tries of a code, or too many calls of an action in a short time, by this person: wait and try later. */
  | 'RATE_LIMITED'
  /** A text failed WeChat's content check (msgSecCheck): nothing was stored; change the words and submit again. */
  | 'CONTENT_REJECTED'
  /** Anything unexpected; details stay in the server log, never in the response. */
  | 'INTERNAL';

/**
 * What a function accepts in one event, checked before anything of it is copied or read
 * (cloudfunctions/lib/router.ts; the local cloud's HTTP body limit is the same size).
 */
export const EVENT_LIMITS = {
  /** Nesting of objects and arrays, the event itself being level 1. */
  depth: 32,
  /** The event's size as JSON, in characters (a 1 MB photo is ~1.37 MB of base64). */
  size: 2 * 1024 * 1024,
} as const;

/** The fixed Chinese messages of refusals written at the edge, before any handler runs. */
export const EDGE_MESSAGES = {
  PAYLOAD_TOO_LARGE: '请求内容过大（最多 2 MB），请减少照片或文字后重试',
  TOO_DEEP: `请求内容的层级过深（最多 ${EVENT_LIMITS.depth} 层）`,
  NOT_JSON: '请求内容不是有效的 JSON',
  NOT_OBJECT: '请求内容应为对象',
  BAD_URL: '请求地址的编码不正确',
  BAD_TEXT: '请求内容含有无效的字符',
} as const;

/** A refusal as the client receives it. */
export interface ApiError {
  code: ErrorCode;
  /** Chinese, shown to the person as is. */
  message: string;
}

/** The response envelope of every action of every function. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ApiError };
