/** Ids and codes made on the server, from the system's secure random source. */
import { createHash, randomBytes } from 'node:crypto';

/** A fresh document id (24 hex characters, like the database's own). */
export const newId = (): string => randomBytes(12).toString('hex');

/** A random number in [0, 1) from the secure source (codes people must not guess). */
export const secureRandom = (): number => randomBytes(4).readUInt32BE(0) / 2 ** 32;

/**
 * The id of what a create makes: random, or derived from the caller, the action and the client's
 * request id (one per form submission, kept across retries), so a retry finds what the first made.
 */
export function idFor(openid: string, action: string, requestId: string | undefined): string {
  if (!requestId) return newId();
  return createHash('sha256').update(`${openid}\n${action}\n${requestId}`).digest('hex').slice(0, 24);
}
