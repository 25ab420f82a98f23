/**
 * Contract tests of the local cloud's database seam, through the real wx-server-sdk: the operators,
 * result shapes and transaction rules that PLATFORM.md records for CloudBase. If an SDK upgrade
 * changes the wire format, these fail first.
 */
import { _, cloud as sdk, isDuplicateWrite, isTransactionConflict, db as typedDb } from '../../cloudfunctions/lib/cloud';
import { LIVE_CONFLICT_MESSAGE } from '../../local/db/backend';
import type { LocalCloud } from '../../local/runtime';
import { openTestCloud } from './helpers';

// These tests probe the SDK's raw shapes, so they use it untyped.
/* eslint-disable @typescript-eslint/no-explicit-any */
const db: any = typedDb;
const cloud: any = sdk;

let local: LocalCloud;
beforeAll(() => {
  local = openTestCloud();
});
afterAll(() => local.close());

/** Runs `body` as a cloud-function invocation by `openid`. */
async function run(body: () => Promise<any>, openid: string | null = 'tester'): Promise<any> {
  const { result } = await local.invoke({ main: body }, {}, openid);
  return result;
}

describe('documents and queries', () => {
  test('add, get by id, where with operators, order, skip, limit, count, projection', async () => {
    await run(async () => {
      for (let i = 1; i <= 5; i++) {
        await db.collection('units').add({ data: { _id: `u${i}`, name: `单位${i}`, rank: i, tags: i % 2 ? ['odd'] : ['even'] } });
      }
    });
    const got = await run(() => db.collection('units').doc('u3').get());
    expect(got.data).toMatchObject({ _id: 'u3', name: '单位3', rank: 3 });

    const page = await run(() =>
      db.collection('units').where({ rank: _.gte(2) }).orderBy('rank', 'desc').skip(1).limit(2).field({ name: true }).get(),
    );
    expect(page.data.map((d: { _id: string }) => d._id)).toEqual(['u4', 'u3']);
    expect(page.data[0]).not.toHaveProperty('rank');

    const count = await run(() => db.collection('units').where({ tags: 'odd', rank: _.in([1, 3, 4]) }).count());
    expect(count.total).toBe(2);
    const or = await run(() => db.collection('units').where(_.or([{ rank: 1 }, { name: '单位5' }])).count());
    expect(or.total).toBe(2);
  });

  test('doc().get on a missing document resolves with null when throwOnNotFound is off', async () => {
    const got = await run(() => db.collection('units').doc('missing').get());
    expect(got.data).toBeNull();
  });

  test('update: $inc, flattened nested $set, _.set replacing a sub-object, _.push, serverDate', async () => {
    await run(() => db.collection('users').add({ data: { _id: 'p1', profile: { a: 1, b: 2 }, n: 1, list: [] } }));
    const res = await run(() =>
      db.collection('users').doc('p1').update({ data: { n: _.inc(2), profile: { b: 3 }, list: _.push(['x']), at: db.serverDate() } }),
    );
    expect(res.stats.updated).toBe(1);
    const got = await run(() => db.collection('users').doc('p1').get());
    expect(got.data).toMatchObject({ n: 3, profile: { a: 1, b: 3 }, list: ['x'] });
    expect(got.data.at).toBeInstanceOf(Date);

    await run(() => db.collection('users').doc('p1').update({ data: { profile: _.set({ c: 9 }) } }));
    const again = await run(() => db.collection('users').doc('p1').get());
    expect(again.data.profile).toEqual({ c: 9 });
  });

  test('where().update reports how many documents actually changed, and 0 when none matched', async () => {
    await run(async () => {
      await db.collection('regions').add({ data: { _id: 'r1', level: 'town', name: 'A', parentId: null, path: [] } });
      await db.collection('regions').add({ data: { _id: 'r2', level: 'town', name: 'B', parentId: null, path: [] } });
    });
    const none = await run(() => db.collection('regions').where({ level: 'county' }).update({ data: { name: 'X' } }));
    expect(none.stats.updated).toBe(0);
    const one = await run(() => db.collection('regions').where({ level: 'town' }).update({ data: { name: 'A' } }));
    expect(one.stats.updated).toBe(1); // r1 already had name A: unchanged documents do not count
  });

  test('remove by id and by query', async () => {
    await run(async () => {
      await db.collection('roleEvents').add({ data: { _id: 'e1', openid: 'x', at: new Date() } });
      await db.collection('roleEvents').add({ data: { _id: 'e2', openid: 'x', at: new Date() } });
    });
    expect((await run(() => db.collection('roleEvents').doc('e1').remove())).stats.removed).toBe(1);
    expect((await run(() => db.collection('roleEvents').where({ openid: 'x' }).remove())).stats.removed).toBe(1);
  });

  test('aggregate with $match, $group, $sort and a limit', async () => {
    const res = await run(() =>
      db
        .collection('units')
        .aggregate()
        .match({ rank: _.lte(4) })
        .group({ _id: '$tags', total: { $sum: '$rank' } })
        .sort({ total: -1 })
        .limit(10)
        .end(),
    );
    expect(res.list).toEqual([
      { _id: ['even'], total: 6 },
      { _id: ['odd'], total: 4 },
    ]);
  });

  // Regression (issue #10): regex queries reached the store as a BSONRegExp and matched nothing.
  test('regex queries: db.RegExp with options, a JS RegExp, inside _.or, in count and update', async () => {
    await run(async () => {
      await db.collection('regions').add({ data: { _id: 'rx1', name: '东街社区', code: 'ABC-1' } });
      await db.collection('regions').add({ data: { _id: 'rx2', name: '西门社区', code: 'abc-2' } });
      await db.collection('regions').add({ data: { _id: 'rx3', name: '幸福小区', code: 'xyz' } });
    });
    // Only this test's documents (others in the file add regions too).
    const ids = (res: { data: { _id: string }[] }) => res.data.map((d) => d._id).filter((x) => x.startsWith('rx')).sort();
    expect(ids(await run(() => db.collection('regions').where({ name: db.RegExp({ regexp: '社区$' }) }).get()))).toEqual(['rx1', 'rx2']);
    expect(ids(await run(() => db.collection('regions').where({ code: db.RegExp({ regexp: '^abc', options: 'i' }) }).get()))).toEqual(['rx1', 'rx2']);
    expect(ids(await run(() => db.collection('regions').where({ code: /^abc/ }).get()))).toEqual(['rx2']);
    expect(ids(await run(() => db.collection('regions').where(_.or([{ name: /幸福/ }, { code: /^ABC/ }])).get()))).toEqual(['rx1', 'rx3']);
    expect((await run(() => db.collection('regions').where({ name: /社区/ }).count())).total).toBe(2);
    const res = await run(() => db.collection('regions').where({ name: /^西门/ }).update({ data: { seen: true } }));
    expect(res.stats.updated).toBe(1);
    // Characters a person types are matched literally once escaped.
    expect(ids(await run(() => db.collection('regions').where({ name: db.RegExp({ regexp: '.*' }) }).get()))).toHaveLength(3);
    expect(ids(await run(() => db.collection('regions').where({ name: db.RegExp({ regexp: '\\.\\*' }) }).get()))).toEqual([]);
  });

  test('a collection not declared in deploy/collections.json is refused', async () => {
    await expect(run(() => db.collection('nope').add({ data: { a: 1 } }))).rejects.toThrow(/not exist/);
  });
});

describe('concurrency and uniqueness', () => {
  test('20 concurrent conditional updates claiming 3 slots: exactly 3 succeed', async () => {
    await run(() => db.collection('households').add({ data: { _id: 'slot', buildingId: 'b', room: 'slot', claimed: 0, slots: 3 } }));
    const attempts = Array.from({ length: 20 }, (_x, i) =>
      run(() =>
        db
          .collection('households')
          .where({ _id: 'slot', claimed: _.lt(3) })
          .update({ data: { claimed: _.inc(1), [`by.m${i}`]: true } }),
      ),
    );
    const results = await Promise.all(attempts);
    expect(results.filter((r) => r.stats.updated === 1)).toHaveLength(3);
    const doc = await run(() => db.collection('households').doc('slot').get());
    expect(doc.data.claimed).toBe(3);
    expect(Object.keys(doc.data.by)).toHaveLength(3);
  });

  test('a unique index rejects a duplicate with DATABASE_DUPLICATE_WRITE and writes nothing', async () => {
    await run(() => db.collection('households').add({ data: { buildingId: 'b1', room: '101' } }));
    await expect(run(() => db.collection('households').add({ data: { buildingId: 'b1', room: '101', x: 1 } }))).rejects.toThrow(
      /DUPLICATE/,
    );
    const count = await run(() => db.collection('households').where({ buildingId: 'b1' }).count());
    expect(count.total).toBe(1);
    // A fixed _id makes a write idempotent the same way.
    await expect(run(() => db.collection('households').add({ data: { _id: 'slot', buildingId: 'z', room: 'z' } }))).rejects.toThrow(
      /DUPLICATE/,
    );
  });

  test('a unique key moves with its document: freed by a change or a removal, swapped in one transaction', async () => {
    await run(() => db.collection('households').doc('m1').set({ data: { buildingId: 'm', room: '1' } }));
    await run(() => db.collection('households').doc('m2').set({ data: { buildingId: 'm', room: '2' } }));
    // m1 moves to room 3: room 1 is free for a new document, room 3 is not.
    await run(() => db.collection('households').doc('m1').update({ data: { room: '3' } }));
    await run(() => db.collection('households').doc('m4').set({ data: { buildingId: 'm', room: '1' } }));
    await expect(run(() => db.collection('households').add({ data: { buildingId: 'm', room: '3' } }))).rejects.toThrow(/DUPLICATE/);
    // Two documents swap their keys in one transaction.
    await run(() =>
      db.runTransaction(async (t: any) => {
        await t.collection('households').doc('m2').update({ data: { room: '3' } });
        await t.collection('households').doc('m1').update({ data: { room: '2' } });
      }),
    );
    await expect(run(() => db.collection('households').add({ data: { buildingId: 'm', room: '2' } }))).rejects.toThrow(/DUPLICATE/);
    // A removed document frees its key.
    await run(() => db.collection('households').doc('m4').remove());
    await run(() => db.collection('households').add({ data: { buildingId: 'm', room: '1' } }));
    const rooms = await run(() => db.collection('households').where({ buildingId: 'm' }).orderBy('room', 'asc').get());
    expect(rooms.data.map((d: any) => d.room)).toEqual(['1', '2', '3']);
  });

  test('two concurrent invocations each see only their own caller', async () => {
    const seen = await Promise.all(
      ['alice', 'bob', 'carol', 'dave'].map((who) =>
        run(async () => {
          await db.collection('units').doc('u1').get(); // interleave on the database tick
          return cloud.getWXContext().OPENID;
        }, who),
      ),
    );
    expect(seen).toEqual(['alice', 'bob', 'carol', 'dave']);
    expect(await run(async () => cloud.getWXContext().OPENID, null)).toBeUndefined();
  });
});

describe('transactions', () => {
  beforeAll(() => run(() => db.collection('units').add({ data: { _id: 'acct', name: '账户', balance: 10 } })));

  test('runTransaction: reads and writes commit together', async () => {
    await run(() =>
      db.runTransaction(async (t: any) => {
        const acct = await t.collection('units').doc('acct').get();
        await t.collection('units').doc('acct').update({ data: { balance: acct.data.balance - 4 } });
        await t.collection('roleEvents').add({ data: { _id: 'tx-entry', openid: 'acct', at: new Date() } });
      }),
    );
    const acct = await run(() => db.collection('units').doc('acct').get());
    expect(acct.data.balance).toBe(6);
    expect((await run(() => db.collection('roleEvents').doc('tx-entry').get())).data).not.toBeNull();
  });

  test('an error inside the callback rolls back every write', async () => {
    await expect(
      run(() =>
        db.runTransaction(async (t: any) => {
          await t.collection('units').doc('acct').update({ data: { balance: 0 } });
          await t.collection('roleEvents').add({ data: { _id: 'never', openid: 'acct', at: new Date() } });
          throw new Error('refused');
        }),
      ),
    ).rejects.toThrow('refused');
    expect((await run(() => db.collection('units').doc('acct').get())).data.balance).toBe(6);
    expect((await run(() => db.collection('roleEvents').doc('never').get())).data).toBeNull();
  });

  test('a write conflict inside the callback fails with -501001, is not retried, and rolls back', async () => {
    let calls = 0;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const first = run(() =>
      db.runTransaction(async (t: any) => {
        await t.collection('units').doc('acct').update({ data: { balance: 5 } });
        await held;
      }),
    );
    await new Promise((r) => setTimeout(r, 20));
    const second = run(() =>
      db.runTransaction(async (t: any) => {
        calls++;
        await t.collection('units').doc('acct').update({ data: { balance: 1 } });
      }),
    );
    await expect(second).rejects.toMatchObject({ errCode: -501001 });
    expect(calls).toBe(1);
    release();
    await first;
    expect((await run(() => db.collection('units').doc('acct').get())).data.balance).toBe(5);
  });

  test('a conflict detected at commit is retried by runTransaction', async () => {
    let calls = 0;
    await run(() =>
      db.runTransaction(async (t: any) => {
        calls++;
        const acct = await t.collection('units').doc('acct').get();
        await t.collection('roleEvents').add({ data: { _id: `retry-${calls}`, openid: 'acct', at: new Date() } });
        await t.collection('units').doc('acct').update({ data: { seen: acct.data.balance } });
        if (calls === 1) {
          // a write outside any transaction lands on the document before this one commits
          await db.collection('units').doc('acct').update({ data: { balance: _.inc(100) } });
        }
      }),
    );
    expect(calls).toBe(2);
    const acct = await run(() => db.collection('units').doc('acct').get());
    expect(acct.data.seen).toBe(105); // the retry read the committed value
    expect((await run(() => db.collection('roleEvents').doc('retry-1').get())).data).toBeNull();
    expect((await run(() => db.collection('roleEvents').doc('retry-2').get())).data).not.toBeNull();
  });

  test('reads inside a transaction see its snapshot, not later commits', async () => {
    const t = await run(() => db.startTransaction());
    await run(() => db.collection('units').doc('acct').update({ data: { balance: 42 } }));
    const inside = await run(() => t.collection('units').doc('acct').get());
    expect(inside.data.balance).toBe(105);
    await run(() => t.rollback());
  });

  test('where() inside a transaction is refused', async () => {
    await expect(
      run(() =>
        db.runTransaction(async (t: any) => {
          await t.collection('units').where({ rank: 1 }).get();
        }),
      ),
    ).rejects.toBeTruthy();
  });
});

describe('errors as live CloudBase sends them', () => {
  beforeAll(() => run(() => db.collection('units').add({ data: { _id: 'live', name: '实测', balance: 1 } })));

  /** The rejection of `body`, or fails the test when it resolves. */
  async function rejection(body: () => Promise<any>): Promise<any> {
    const { result } = await local.invoke({ main: async () => body().then(() => 'resolved', (e: unknown) => ({ e })) }, {}, 'tester');
    expect(result).not.toBe('resolved');
    return (result as { e: any }).e;
  }

  test('a write conflict inside the callback: -501001 with the live [ResourceUnavailable.TransactionConflict] text', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const first = run(() =>
      db.runTransaction(async (t: any) => {
        await t.collection('units').doc('live').update({ data: { balance: 2 } });
        await held;
      }),
    );
    await new Promise((r) => setTimeout(r, 20));
    const e = await rejection(() => db.runTransaction((t: any) => t.collection('units').doc('live').update({ data: { balance: 3 } }), 1));
    release();
    await first;
    expect(e).toBeInstanceOf(Error);
    expect(e.errCode).toBe(-501001);
    expect(e.errMsg).toContain('[ResourceUnavailable.TransactionConflict] Transaction is conflict');
    expect(e.errMsg).not.toContain('DATABASE_TRANSACTION_CONFLICT'); // the wrapped live error has no SDK code left
    expect(isTransactionConflict(e)).toBe(true);
    expect(isDuplicateWrite(e)).toBe(false);
  });

  test('a conflict at commit: the raw { code: DATABASE_TRANSACTION_CONFLICT, message } in the live text', async () => {
    const e = await rejection(() =>
      db.runTransaction(async (t: any) => {
        await t.collection('units').doc('live').get();
        await t.collection('units').doc('live').update({ data: { balance: 4 } });
        await db.collection('units').doc('live').update({ data: { balance: _.inc(1) } });
      }, 0),
    );
    expect(e).not.toBeInstanceOf(Error);
    expect(e).toEqual({ code: 'DATABASE_TRANSACTION_CONFLICT', message: LIVE_CONFLICT_MESSAGE });
    expect(isTransactionConflict(e)).toBe(true);
  });

  test('a duplicate key: DATABASE_DUPLICATE_WRITE with MongoDB E11000, outside and inside a transaction', async () => {
    const outside = await rejection(() => db.collection('units').add({ data: { _id: 'live', name: '另一个' } }));
    expect(outside.errMsg).toMatch(/DATABASE_DUPLICATE_WRITE: E11000 duplicate key error/);
    const index = await rejection(() => db.collection('units').add({ data: { name: '实测' } }));
    expect(index.errMsg).toMatch(/DATABASE_DUPLICATE_WRITE: E11000 duplicate key error/);
    const inside = await rejection(() => db.runTransaction((t: any) => t.collection('units').add({ data: { _id: 'live', name: '又一个' } }), 0));
    for (const e of [outside, index, inside]) {
      expect(isDuplicateWrite(e)).toBe(true);
      expect(isTransactionConflict(e)).toBe(false);
    }
  });

  test('a field name starting with $ is refused at any depth with DATABASE_REQUEST_FAILED, and nothing is written', async () => {
    const before = JSON.stringify(local.db.store.all('units'));
    const writes: (() => Promise<any>)[] = [
      () => db.collection('units').add({ data: { _id: 'd1', $where: 'sleep(1)' } }),
      () => db.collection('units').add({ data: { _id: 'd2', a: { b: [{ c: { $ne: null } }] } } }),
      () => db.collection('units').doc('d3').set({ data: { list: [[{ $gt: 1 }]] } }),
      () => db.collection('units').doc('live').update({ data: { meta: { $x: 1 } } }),
      () => db.collection('units').doc('live').update({ data: { list: _.push([{ $inc: 1 }]) } }),
      () => db.collection('units').where({ _id: 'live' }).update({ data: { deep: _.set({ a: { $b: 1 } }) } }),
      () => db.runTransaction((t: any) => t.collection('units').doc('live').update({ data: { by: { $id: true } } }), 0),
      () => db.runTransaction((t: any) => t.collection('units').add({ data: { _id: 'd4', x: { $y: 1 } } }), 0),
    ];
    for (const write of writes) {
      const e = await rejection(write);
      expect(e.errCode).toBe(-502001); // DATABASE_REQUEST_FAILED as wx-server-sdk maps it
      expect(String(e.errMsg)).toMatch(/DATABASE_REQUEST_FAILED|\$/);
    }
    expect(JSON.stringify(local.db.store.all('units'))).toBe(before);
    // Operators themselves and `$`-free names still work.
    await run(() => db.collection('units').doc('live').update({ data: { balance: _.inc(1), tags: _.push(['a']), 'meta.ok': true } }));
  });

  test('the product decides on codes: live, SDK and old local shapes are recognised, words alone are not', () => {
    const wrapped = (msg: string, errCode = -501001) => Object.assign(new Error(`document.update:fail ${errCode} resource system error. ${msg}`), { errCode, errMsg: `document.update:fail ${errCode} resource system error. ${msg}` });
    const conflicts = [
      wrapped('[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others.'),
      { code: 'DATABASE_TRANSACTION_CONFLICT', message: LIVE_CONFLICT_MESSAGE },
      { code: 'ResourceUnavailable.TransactionConflict', message: 'Transaction is conflict' },
      wrapped('DATABASE_TRANSACTION_CONFLICT: units/a is being written by another transaction'),
      { code: 'DATABASE_TRANSACTION_CONFLICT', message: 'DATABASE_TRANSACTION_CONFLICT: units/a changed since the transaction began' },
    ];
    for (const e of conflicts) expect(isTransactionConflict(e)).toBe(true);
    const duplicates = [
      wrapped('DATABASE_DUPLICATE_WRITE: E11000 duplicate key error (_id a exists in units)'),
      wrapped('E11000 duplicate key error collection: users index: phone_1 dup key: { phone: "138" }', -502001),
      { code: 'DATABASE_DUPLICATE_WRITE', message: 'duplicate write' },
      { errCode: 11000, errMsg: 'dup key' },
    ];
    for (const e of duplicates) expect(isDuplicateWrite(e)).toBe(true);
    const neither = [
      new Error('socket timeout'),
      wrapped('resource system error'),
      { errCode: -501001, errMsg: 'resource system error' },
      new Error('transaction conflict, please retry'),
      new Error('duplicate entry'),
      wrapped('[ResourceUnavailable.TransactionBusy] Transaction is busy'),
      null,
      'DATABASE_TRANSACTION_CONFLICT',
    ];
    for (const e of neither) {
      expect(isTransactionConflict(e)).toBe(false);
      expect(isDuplicateWrite(e)).toBe(false);
    }
  });
});

describe('storage and subscribe messages', () => {
  test('upload, temp URL, download, delete on local disk', async () => {
    const up = await run(() => cloud.uploadFile({ cloudPath: 'demands/a.png', fileContent: Buffer.from('png!') }));
    expect(up.fileID).toBe('cloud://local/demands/a.png');
    const urls = await run(() => cloud.getTempFileURL({ fileList: [up.fileID] }));
    expect(urls.fileList[0]).toMatchObject({ status: 0, tempFileURL: '/files/demands/a.png' });
    const down = await run(() => cloud.downloadFile({ fileID: up.fileID }));
    expect(String(down.fileContent)).toBe('png!');
    const del = await run(() => cloud.deleteFile({ fileList: [up.fileID] }));
    expect(del.fileList[0].status).toBe(0);
    await expect(run(() => cloud.uploadFile({ cloudPath: '../../etc/x', fileContent: 'x' }))).rejects.toThrow(/invalid/);
  });

  test('subscribe messages land in the outbox', async () => {
    await run(() => cloud.openapi.subscribeMessage.send({ touser: 'liaison-1', templateId: 'NEW_DISPATCH', page: 'pages/x', data: { thing1: { value: '新派单' } } }));
    expect(local.outbox().at(-1)).toMatchObject({ touser: 'liaison-1', templateId: 'NEW_DISPATCH' });
  });
});

describe('request counting', () => {
  test('each invocation counts its own reads and writes', async () => {
    const { counts } = await local.invoke(
      {
        main: async () => {
          await db.collection('units').doc('u1').get();
          await db.collection('units').where({ rank: 1 }).count();
          await db.collection('units').doc('u1').update({ data: { rank: 1 } });
        },
      },
      {},
      'x',
    );
    expect(counts).toEqual({ read: 2, write: 1, transaction: 0 });
  });
});
