/** Cloud function `imports`: the county admin's workbook import (template → upload → dry run → apply). */
import { createFunction } from '../lib/router';
import { apply, status } from './apply';
import { dryRun } from './dry-run';
import { template } from './template';
import { upload } from './upload';

const fn = createFunction('imports', { template, upload, dryRun, apply, status });

export const main = fn.main;
export const describe = fn.describe;
