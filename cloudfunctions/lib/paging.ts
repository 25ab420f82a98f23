/**
 * Paging without a total: a list reads one item more than asked and says whether there is more
 * (counting would cost a second request on every list). Every paged list uses these two.
 */
import type { Paged } from '../../types/domain';
import type { Query } from './database';

/** Reads page `page` of `query` (ordered by the caller): one item more than asked. */
export async function readPage<T>(query: Query, page: number, pageSize: number): Promise<T[]> {
  return (await query.skip(skipOf(page, pageSize)).limit(pageSize + 1).get<T>()).data;
}

/** What was read, as a page: the extra item only tells that there is more. */
export function toPage<T, R>(found: T[], page: number, pageSize: number, shape: (x: T) => R): Paged<R> {
  return { items: found.slice(0, pageSize).map(shape), page, pageSize, hasMore: found.length > pageSize };
}

export const skipOf = (page: number, pageSize: number): number => (page - 1) * pageSize;
