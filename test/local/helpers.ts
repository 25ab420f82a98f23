/** Opens a local cloud on a fresh temporary data folder with the project's collections. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import collections from '../../deploy/collections.json';
import { LocalCloud } from '../../local/runtime';

export function tempDir(prefix = 'jinlin-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function openTestCloud(dataDir = tempDir()): LocalCloud {
  return LocalCloud.open({ dataDir, collections: collections.collections as never });
}
