/** Loading a person (the org and points functions both read people by openid; org shapes them in org/views.ts). */
import type { User } from '../../types/domain';
import { db } from './cloud';

export async function loadUser(openid: string): Promise<User | null> {
  return (await db.collection('users').doc(openid).get<User>()).data;
}
