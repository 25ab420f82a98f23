/** Small helpers shared by the points handlers. */
import { randomBytes } from 'node:crypto';
import type { PointsPage } from '../../types/points';

/** A fresh document id (24 hex characters, like the database's own). */
export const newId = () => randomBytes(12).toString('hex');

/** A random number in [0, 1) from the system's secure source (codes people must not guess). */
export const secureRandom = () => randomBytes(4).readUInt32BE(0) / 2 ** 32;

/** Page arithmetic: read one item more than asked, and say whether there is more. */
export function paged<T, R>(found: T[], page: number, pageSize: number, shape: (x: T) => R): PointsPage<R> {
  return { items: found.slice(0, pageSize).map(shape), page, pageSize, hasMore: found.length > pageSize };
}

export const skipOf = (page: number, pageSize: number) => (page - 1) * pageSize;
