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
 * A database error's text: an Error's message, or — a transaction's commit rejects with a plain
 * `{ code, message }` — its code and message.
 */
function errorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  const o = e as { errMsg?: string; code?: unknown; message?: string } | null;
  if (o && typeof o === 'object') return [o.errMsg, o.code, o.message].filter((x) => x !== undefined).join(' ');
  return String(e);
}

/** True when a database error is a unique-index (or fixed `_id`) duplicate. */
export function isDuplicateWrite(e: unknown): boolean {
  return /DUPLICATE/i.test(errorText(e));
}

/** True when a database error is a transaction write conflict (CloudBase: -501001). */
export function isTransactionConflict(e: unknown): boolean {
  return /TRANSACTION_CONFLICT/i.test(errorText(e));
}
