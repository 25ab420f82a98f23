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
  /** The event failed validation: missing, mistyped, over-long or unexpected fields. */
  | 'INVALID_INPUT'
  /** An id in the event names nothing the caller can see. */
  | 'NOT_FOUND'
  /** The object changed under the caller or the write would duplicate one (retry after reloading). */
  | 'CONFLICT'
  /** The object is not in a state that allows this step (e.g. rating a demand not yet verified). */
  | 'INVALID_STATE'
  /** Too many tries of a code (setup code, invitation code) by this person: wait and try later. */
  | 'RATE_LIMITED'
  /** Anything unexpected; details stay in the server log, never in the response. */
  | 'INTERNAL';

/** A refusal as the client receives it. */
export interface ApiError {
  code: ErrorCode;
  /** Chinese, shown to the person as is. */
  message: string;
}

/** The response envelope of every action of every function. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ApiError };
