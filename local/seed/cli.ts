/** `npm run seed`: seeds the demo county into the local data folder (idempotent). */
import path from 'node:path';
import collections from '../../deploy/collections.json';
import { LocalCloud } from '../runtime';
import { seedDemoCounty } from './seed';

const dataDir = path.resolve(process.cwd(), process.env.JINLIN_DATA ?? '.data');
const local = LocalCloud.open({ dataDir, collections: collections.collections as never });
seedDemoCounty(local).then(
  (r) => {
    console.log(`demo county seeded into ${dataDir}: ${r.inserted} inserted, ${r.existing} already there, ${r.demands} demo demands`);
    local.close();
  },
  (e) => {
    console.error(e);
    local.close();
    process.exit(1);
  },
);
