/**
 * The only module that touches `wx-server-sdk`. Initialised once per function instance, at
 * module scope, in the environment the function is deployed to.
 */
import cloud from 'wx-server-sdk';
import type { Database } from './database';

// DYNAMIC_CURRENT_ENV is a symbol the SDK accepts although its declarations say string.
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

/** The database; a missing document reads as null rather than throwing. */
export const db = cloud.database({ throwOnNotFound: false } as never) as unknown as Database;
export const _ = db.command;
export { cloud };

/** The caller's openid as the platform injected it, or null. Never read identity from the event. */
export function callerOpenid(): string | null {
  const openid = cloud.getWXContext().OPENID;
  return typeof openid === 'string' && openid ? openid : null;
}

/**
 * True only when the platform's timer trigger started this run: no caller, and the context's
 * SOURCE is `wx_trigger` (a client is `wx_client`, the HTTP API `wx_http`, another function
 * `…,scf`). The event's `Type: 'Timer'` is the caller's to write and proves nothing.
 */
export function isTimerTrigger(): boolean {
  const ctx = cloud.getWXContext() as { OPENID?: string; SOURCE?: string };
  return !ctx.OPENID && ctx.SOURCE === 'wx_trigger';
}

/**
 * The codes a database error carries, wherever the SDK left them: a commit rejects with the raw
 * `{ code, message }`; every other request is wrapped by wx-server-sdk into an Error whose `code`
 * is gone and whose `errCode` is the generic -501001 (SYS_ERR) for most failures, so the
 * provider's own code survives only in the text: live CloudBase writes it in brackets
 * (`[ResourceUnavailable.TransactionConflict] Transaction is conflict, …`), MongoDB as `E11000`,
 * and the SDK's codes (`DATABASE_DUPLICATE_WRITE`) appear as words in upper case. Decisions are
 * made on these codes, never on ordinary words of a message.
 */
export function errorCodes(e: unknown): Set<string> {
  const codes = new Set<string>();
  if (!e || typeof e !== 'object') return codes;
  const o = e as { code?: unknown; errCode?: unknown; errMsg?: unknown; message?: unknown };
  for (const c of [o.code, o.errCode]) if (typeof c === 'string' || typeof c === 'number') codes.add(String(c));
  for (const text of [o.errMsg, o.message]) {
    if (typeof text !== 'string') continue;
    for (const m of text.matchAll(/\[([A-Za-z]+(?:\.[A-Za-z]+)+)\]/g)) codes.add(m[1]);
    for (const m of text.matchAll(/\b(DATABASE_[A-Z_]+|E11000)\b/g)) codes.add(m[1]);
  }
  return codes;
}

const DUPLICATE_CODES = ['DATABASE_DUPLICATE_WRITE', 'E11000', '11000'];
const CONFLICT_CODES = ['DATABASE_TRANSACTION_CONFLICT', 'ResourceUnavailable.TransactionConflict'];

const hasCode = (e: unknown, wanted: string[]) => {
  const codes = errorCodes(e);
  return wanted.some((c) => codes.has(c));
};

/** True when a database error is a unique-index (or fixed `_id`) duplicate. */
export function isDuplicateWrite(e: unknown): boolean {
  return hasCode(e, DUPLICATE_CODES);
}

/**
 * True when a database error is a transaction write conflict: the SDK's DATABASE_TRANSACTION_CONFLICT
 * (a commit) or CloudBase's ResourceUnavailable.TransactionConflict (a write inside the callback,
 * errCode -501001). -501001 alone is SYS_ERR, any system error, and is not enough.
 */
export function isTransactionConflict(e: unknown): boolean {
  return hasCode(e, CONFLICT_CODES);
}
