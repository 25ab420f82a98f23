/** Ids and codes made on the server, from the system's secure random source. */
import { randomBytes } from 'node:crypto';

/** A fresh document id (24 hex characters, like the database's own). */
export const newId = (): string => randomBytes(12).toString('hex');

/** A random number in [0, 1) from the secure source (codes people must not guess). */
export const secureRandom = (): number => randomBytes(4).readUInt32BE(0) / 2 ** 32;
