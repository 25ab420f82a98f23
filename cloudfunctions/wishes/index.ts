/** Cloud function `wishes`: the 微心愿 wall — post, approve or decline, claim (and withdraw), fulfil, confirm, the lists and 认领、完成. */
import { createFunction } from '../lib/router';
import { post } from './posting';
import { counts, detail, list } from './read';
import { approve, claim, confirm, decline, fulfil, withdraw } from './steps';

const fn = createFunction('wishes', { post, approve, decline, claim, withdraw, fulfil, confirm, detail, list, counts });

export const main = fn.main;
export const describe = fn.describe;
