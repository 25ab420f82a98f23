/** Cloud function `stats`: the county's, a town's, a community's and a unit's dashboards, the items behind every figure, 党员 figures (hours, 双报到, points) and 敲门 coverage. */
import { createFunction } from '../lib/router';
import { dashboard } from './dashboard';
import { coverage, overdue } from './coverage';
import { items } from './items';
import { memberItems, members, pointItems } from './people';

const fn = createFunction('stats', { dashboard, items, members, memberItems, pointItems, coverage, overdue });

export const main = fn.main;
export const describe = fn.describe;
