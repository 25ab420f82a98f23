/** Cloud function `stats`: the county's, a town's, a community's and a unit's dashboards, and the items behind every figure. */
import { createFunction } from '../lib/router';
import { dashboard } from './dashboard';
import { items } from './items';

const fn = createFunction('stats', { dashboard, items });

export const main = fn.main;
export const describe = fn.describe;
