/** Durability: data survives a restart, and a kill -9 right after an acknowledged write. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { db } from '../../cloudfunctions/lib/cloud';
import { openTestCloud, tempDir } from './helpers';

test('a write survives closing and reopening the data folder', async () => {
  const dir = tempDir();
  const first = openTestCloud(dir);
  await first.invoke({ main: () => db.collection('units').add({ data: { _id: 'kept', name: '留存单位' } }) }, {}, 'x');
  await first.invoke({ main: () => db.collection('units').doc('kept').update({ data: { description: '改过' } }) }, {}, 'x');
  first.close();

  const second = openTestCloud(dir);
  const { result } = await second.invoke({ main: () => db.collection('units').doc('kept').get() }, {}, 'x');
  second.close();
  expect((result as { data: unknown }).data).toEqual({ _id: 'kept', name: '留存单位', description: '改过' });
});

test('every acknowledged write survives kill -9, and a torn write is all or nothing', async () => {
  const dir = tempDir();
  // Bundled inside the repo so that it resolves wx-server-sdk from node_modules like a function does.
  const root = path.resolve(__dirname, '../..');
  const bundle = path.join(root, '.tmp', `writer-${process.pid}.js`);
  buildSync({
    entryPoints: [path.join(__dirname, 'fixtures', 'writer.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    packages: 'external',
    logLevel: 'silent',
  });
  const child = spawn(process.execPath, [bundle, dir], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const acked = await new Promise<number>((resolve, reject) => {
    let last = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      for (const m of chunk.toString().matchAll(/ACK (\d+)/g)) last = Number(m[1]);
      if (last >= 25) {
        child.kill('SIGKILL'); // mid-stream: the next write may be half on disk
        resolve(last);
      }
    });
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? undefined : reject(new Error(`writer exited ${code}`))));
  });
  await new Promise((r) => child.once('exit', r));
  fs.rmSync(path.join(dir, 'LOCK'), { force: true }); // the killed process could not release it

  const reopened = openTestCloud(dir);
  const { result } = await reopened.invoke({ main: () => db.collection('roleEvents').where({ openid: 'writer' }).limit(1000).get() }, {}, 'x');
  reopened.close();
  const ns = ((result as { data: { n: number }[] }).data).map((d) => d.n).sort((a, b) => a - b);
  expect(ns.length).toBeGreaterThanOrEqual(acked);
  expect(ns).toEqual(Array.from({ length: ns.length }, (_x, i) => i + 1)); // no gaps, no half documents
});

test('a second process cannot open a data folder in use', () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'LOCK'), String(process.ppid)); // a live process that is not us
  expect(() => openTestCloud(dir)).toThrow(/in use/);
});
