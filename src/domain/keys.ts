/** The keys of a label record, in its order (types/labels.ts orders them as the app offers them). */
export function keysOf<K extends string>(labels: Record<K, string>): K[] {
  return Object.keys(labels) as K[]
}
