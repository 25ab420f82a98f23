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

/** True when a database error is a unique-index (or fixed `_id`) duplicate. */
export function isDuplicateWrite(e: unknown): boolean {
  const text = e instanceof Error ? e.message : String((e as { errMsg?: string })?.errMsg ?? e);
  return /DUPLICATE/i.test(text);
}

/** True when a database error is a transaction write conflict (CloudBase: -501001). */
export function isTransactionConflict(e: unknown): boolean {
  const text = e instanceof Error ? e.message : String((e as { errMsg?: string })?.errMsg ?? e);
  return /TRANSACTION_CONFLICT/i.test(text);
}
