/**
 * Which documents a query can only be among, from the indexes CloudBase would use (pure).
 * The embedded store answers a query by testing documents with mingo; testing the whole
 * collection makes a read's time grow with the collection where CloudBase's grows with the
 * answer. So a query's equality conditions (`field: v`, `$eq`, `$in`, within `$and`) on `_id` or
 * on the first field of a declared index name the documents to test. The narrowing only ever keeps
 * more than the query matches — mingo still decides — so answers are the same with or without it.
 * A query with no such condition tests everything, as it would scan an unindexed collection.
 */

/** An indexable value as a key: strings, numbers, booleans and dates only. */
export function keyOf(value: unknown): string | null {
  switch (typeof value) {
    case 'string':
      return `s${value}`;
    case 'number':
      return Number.isFinite(value) ? `n${value}` : null;
    case 'boolean':
      return `b${value}`;
    case 'object':
      // A date may come from another realm under jest (structuredClone), so not `instanceof`.
      return Object.prototype.toString.call(value) === '[object Date]' ? `d${(value as Date).getTime()}` : null;
    default:
      return null;
  }
}

/**
 * The keys of a document under a dotted field, as MongoDB matches them: a path through an array
 * reaches every element's field, and an array value matches each of its elements.
 */
export function docKeys(doc: unknown, field: string): string[] {
  const out = new Set<string>();
  const walk = (cur: unknown, parts: string[]) => {
    if (Array.isArray(cur)) {
      for (const el of cur) walk(el, parts);
      return;
    }
    if (parts.length === 0) {
      const key = keyOf(cur);
      if (key !== null) out.add(key);
      return;
    }
    if (cur === null || typeof cur !== 'object') return;
    walk((cur as Record<string, unknown>)[parts[0]], parts.slice(1));
  };
  walk(doc, field.split('.'));
  return [...out];
}

/**
 * The query's equality conditions: field → the keys a matching document must hold one of.
 * A field whose path has a numeric part (`list.0.x`) is left to mingo, as is anything under `$or`.
 */
export function equalities(query: Record<string, unknown>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (field: string, keys: string[] | null) => {
    if (!keys || /(^|\.)\d+(\.|$)/.test(field)) return;
    const have = out.get(field);
    // Two conditions on one field (from `$and`): either set alone is already a superset.
    if (!have || keys.length < have.size) out.set(field, new Set(keys));
  };
  const visit = (q: Record<string, unknown>) => {
    for (const [field, cond] of Object.entries(q)) {
      if (field === '$and' && Array.isArray(cond)) {
        for (const part of cond) if (part && typeof part === 'object') visit(part as Record<string, unknown>);
      } else if (!field.startsWith('$')) {
        add(field, conditionKeys(cond));
      }
    }
  };
  visit(query);
  return out;
}

/** The keys a value condition allows, or null when it is not plain equality. */
function conditionKeys(cond: unknown): string[] | null {
  const direct = keyOf(cond);
  if (direct !== null) return [direct];
  if (!cond || typeof cond !== 'object' || Array.isArray(cond)) return null;
  const ops = cond as Record<string, unknown>;
  if ('$eq' in ops) return keyList([ops.$eq]);
  if (Array.isArray(ops.$in)) return keyList(ops.$in);
  return null;
}

/** Keys of every value, or null if one of them cannot be a key (then the index cannot answer). */
function keyList(values: unknown[]): string[] | null {
  const keys: string[] = [];
  for (const v of values) {
    const key = keyOf(v);
    if (key === null) return null;
    keys.push(key);
  }
  return keys;
}
