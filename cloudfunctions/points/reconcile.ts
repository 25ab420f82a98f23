/**
 * points.reconcile (admin): folds the whole ledger through the same `applyEntry` the ledger uses,
 * rebuilds every leaderboard tally, and compares with the cached documents — balances, totals,
 * cap counters (by day and month), holdings, and the tallies (points, hours, 双报到 and 已兑换) as
 * they stand once the increments still pending are folded (lib/tallies.ts). 已兑换 counts on the
 * home the redemption's entry records (`home`); a redemption written before entries recorded it
 * cannot be placed, so that person's 已兑换 in its month and year is left unchecked and counted
 * (`redemptionsWithoutHome`). It reports; it never writes — a difference is a bug to find, not a
 * figure to paper over.
 */
import { applyEntry, emptyAccount, redeemedKeys, serviceKey, tallyKeys } from '../core/points';
import { splitTallyKey } from '../lib/tallies';
import { isAdmin } from '../core/actor';
import { holdsItem } from '../core/points-redemption';
import type { PeriodTotals, PointAccount, ReconcileDifference, ReconcileReport } from '../../types/points';
import { refuse } from '../lib/errors';
import type { Handlers } from '../lib/router';
import { emptyInput } from './schemas';
import { readBooks } from './store';

type BoardRow = { points: number; hours: number; checkIns: number; redeemed: number };
const EMPTY: BoardRow = { points: 0, hours: 0, checkIns: 0, redeemed: 0 };

export async function reconcileAll(now: Date): Promise<ReconcileReport> {
  const { entries, accounts, tallies, pending, redemptions, verified } = await readBooks();
  const computed = new Map<string, PointAccount>();
  const boards = new Map<string, Map<string, BoardRow>>();
  const add = (key: string, openid: string, by: Partial<BoardRow>) => {
    const board = boards.get(key) ?? new Map<string, BoardRow>();
    const row = board.get(openid) ?? EMPTY;
    board.set(openid, { points: row.points + (by.points ?? 0), hours: row.hours + (by.hours ?? 0), checkIns: row.checkIns + (by.checkIns ?? 0), redeemed: row.redeemed + (by.redeemed ?? 0) });
    boards.set(key, board);
  };
  /** `<openid>/<period>`: a person's months and years holding a redemption of no recorded home. */
  const unplaced = new Set<string>();
  let redemptionsWithoutHome = 0;
  for (const e of entries) {
    const acct = computed.get(e.openid) ?? emptyAccount(e.openid, e.name, null, null, now);
    computed.set(e.openid, applyEntry(acct, e));
    if (e.source.type === 'redeem' || e.source.type === 'refund') {
      if (!e.home) {
        redemptionsWithoutHome += 1;
        unplaced.add(`${e.openid}/${e.month}`).add(`${e.openid}/${e.year}`);
      } else if (e.points !== 0) for (const key of redeemedKeys(e)) add(key, e.openid, { redeemed: -e.points });
      continue;
    }
    const checkIns = e.source.type === 'checkIn' ? 1 : 0;
    if (e.points === 0 && e.hours === 0 && checkIns === 0) continue;
    for (const key of tallyKeys(e)) add(key, e.openid, { points: e.points, hours: e.hours, checkIns });
  }

  const differences: ReconcileDifference[] = [];
  const diff = (kind: ReconcileDifference['kind'], key: string, field: string, cached: number | null, value: number) => {
    if (cached === null || Math.abs(cached - value) > 1e-9) differences.push({ kind, key, field, cached, computed: value });
  };
  const cachedById = new Map(accounts.map((a) => [a._id, a]));
  for (const id of new Set([...computed.keys(), ...cachedById.keys()])) {
    const want = computed.get(id) ?? emptyAccount(id, '', null, null, now);
    const have = cachedById.get(id) ?? null;
    for (const field of ['balance', 'earned', 'hours', 'entries'] as const) diff('account', id, field, have ? have[field] : null, want[field]);
    for (const [period, totals] of [...periodFields('years', want.years, have?.years), ...periodFields('months', want.months, have?.months)]) {
      diff('account', id, `${period}.points`, totals.have?.points ?? null, totals.want.points);
      diff('account', id, `${period}.hours`, totals.have?.hours ?? null, totals.want.hours);
    }
    // The cap counters: a wrong one would let a day or month earn past its cap (or refuse too early).
    for (const field of ['capDays', 'capMonths'] as const) {
      const wanted = want[field];
      const had = have?.[field] ?? {};
      for (const period of new Set([...Object.keys(wanted), ...Object.keys(had)])) diff('account', id, `${field}.${period}`, had[period] ?? null, wanted[period] ?? 0);
    }
  }
  // The per-item holdings that enforce the per-person limit: pending and fulfilled redemptions.
  const held = new Map<string, number>();
  for (const r of redemptions) if (holdsItem(r)) held.set(`${r.openid}/${r.itemId}`, (held.get(`${r.openid}/${r.itemId}`) ?? 0) + 1);
  for (const a of accounts) for (const itemId of Object.keys(a.redeemed ?? {})) if (!held.has(`${a._id}/${itemId}`)) held.set(`${a._id}/${itemId}`, 0);
  for (const [key, n] of held) {
    const [openid, itemId] = key.split('/');
    diff('account', openid, `redeemed.${itemId}`, cachedById.get(openid)?.redeemed?.[itemId] ?? null, n);
  }
  // Every member's verified hours must have reached the ledger (lib/ledger.ts creditServiceHours).
  const keys = new Set(entries.map((e) => e._id));
  for (const d of verified) {
    for (const c of d.claims) {
      const key = serviceKey(d._id, c.openid, d.reopenCount);
      if (c.done && (c.hours ?? 0) > 0 && !keys.has(key)) differences.push({ kind: 'credit', key, field: 'hours', cached: null, computed: c.hours! });
    }
  }
  // A tally as it stands once its pending increments are folded (they are counted exactly once).
  const cachedBoards = new Map<string, Record<string, BoardRow>>(tallies.map((t) => [t._id, structuredCopy(t.people)]));
  for (const p of pending) {
    for (const key of p.keys) {
      const people = cachedBoards.get(key) ?? {};
      const row = people[p.openid] ?? EMPTY;
      people[p.openid] = { points: row.points + p.points, hours: row.hours + p.hours, checkIns: row.checkIns + (p.checkIns ?? 0), redeemed: row.redeemed + (p.redeemed ?? 0) };
      cachedBoards.set(key, people);
    }
  }
  for (const key of new Set([...boards.keys(), ...cachedBoards.keys()])) {
    const want = boards.get(key) ?? new Map<string, BoardRow>();
    const have = cachedBoards.get(key) ?? {};
    const period = splitTallyKey(key)[2];
    for (const openid of new Set([...want.keys(), ...Object.keys(have)])) {
      const w = want.get(openid) ?? EMPTY;
      const h = have[openid];
      // A row made by 已兑换 alone holds no points or hours of a board: compare those only where either side has the row earning.
      if (h || w.points || w.hours || w.checkIns) {
        diff('tally', `${key}/${openid}`, 'points', h?.points ?? null, w.points);
        diff('tally', `${key}/${openid}`, 'hours', h?.hours ?? null, w.hours);
      }
      if (h || w.checkIns) diff('tally', `${key}/${openid}`, 'checkIns', h?.checkIns ?? 0, w.checkIns);
      if ((h || w.redeemed) && !unplaced.has(`${openid}/${period}`)) diff('tally', `${key}/${openid}`, 'redeemed', h?.redeemed ?? 0, w.redeemed);
    }
  }
  return { entries: entries.length, accounts: computed.size, tallies: boards.size, pendingTallies: pending.length, redemptionsWithoutHome, differences };
}

const structuredCopy = (people: Record<string, { points: number; hours: number; checkIns?: number; redeemed?: number }>): Record<string, BoardRow> =>
  Object.fromEntries(Object.entries(people).map(([k, v]) => [k, { points: v.points, hours: v.hours, checkIns: v.checkIns ?? 0, redeemed: v.redeemed ?? 0 }]));

/** Both sides' period totals, keyed `years.2026` / `months.2026-11`; a missing side reads as zero wanted or null cached. */
function periodFields(name: string, want: Record<string, PeriodTotals>, have: Record<string, PeriodTotals> | undefined) {
  const keys = new Set([...Object.keys(want), ...Object.keys(have ?? {})]);
  return [...keys].map((k) => [`${name}.${k}`, { want: want[k] ?? { points: 0, hours: 0 }, have: have?.[k] ?? null }] as const);
}

export const reconcile: Handlers<'points'>['reconcile'] = {
  input: emptyInput,
  async run(_input, { user, now }) {
    if (!isAdmin(user.roles)) throw refuse.forbidden('只有县委组织部可以对账');
    return reconcileAll(now);
  },
};
