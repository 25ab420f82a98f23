/**
 * Seeds the demo county through the real SDK path (as a function would write it). Idempotent:
 * every document has a fixed id and is inserted only when missing, so a restart never overwrites
 * what people changed in the running app.
 */
import { db, isDuplicateWrite } from '../../cloudfunctions/lib/cloud';
import type { LocalCloud } from '../runtime';
import { DEMO_PAIRINGS, DEMO_PEOPLE, DEMO_UNITS, demoHouseholds, demoRegions } from './demo-county';
import { seedDemoDemands } from './demo-demands';
import { seedDemoVisits } from './demo-visits';
import { seedDemoPoints, seedPastCheckIns } from './demo-points';
import { seedDemoWishes } from './demo-wishes';
import { seedDemoProjects } from './demo-projects';
import { seedDemoPosts } from './demo-posts';

export interface SeedReport {
  inserted: number;
  existing: number;
  /** Demo demands created (only on an empty demands collection). */
  demands: number;
}

/** `withDemands: false` seeds the county and its people only (tests build their own demands). */
export async function seedDemoCounty(local: LocalCloud, now = new Date(), { withDemands = true } = {}): Promise<SeedReport> {
  const report: SeedReport = { inserted: 0, existing: 0, demands: 0 };
  const insert = async (coll: string, doc: { _id: string } & Record<string, unknown>) => {
    try {
      await db.collection(coll).add({ data: doc });
      report.inserted++;
    } catch (e) {
      if (!isDuplicateWrite(e)) throw e;
      report.existing++;
    }
  };
  await local.invoke(
    {
      main: async () => {
        for (const r of demoRegions()) await insert('regions', { ...r });
        for (const h of demoHouseholds()) await insert('households', { ...h });
        for (const u of DEMO_UNITS) await insert('units', { ...u });
        for (const [unitId, communityId] of DEMO_PAIRINGS) {
          await insert('pairings', { _id: `${unitId}_${communityId}`, unitId, communityId, createdAt: now, createdBy: 'seed' });
        }
        for (const p of DEMO_PEOPLE) {
          await insert('users', {
            _id: p.openid,
            name: p.name,
            phone: p.phone,
            roles: p.roles,
            communityId: p.communityId,
            buildingId: p.buildingId,
            unitId: p.unitId,
            elderMode: null,
            createdAt: now,
          });
        }
      },
    },
    {},
    'seed',
  );
  // The demo's people file their demands and visits in one burst: not what the rate limits are for.
  const limits = process.env.JINLIN_RATE_LIMITS;
  process.env.JINLIN_RATE_LIMITS = 'off';
  try {
    // The ledger in date order: the earlier months' 双报到 before today's credits and awards.
    if (withDemands) await seedPastCheckIns(local);
    if (withDemands) report.demands = await seedDemoDemands(local, now);
    // After the demands: they are seeded only on an empty collection, and visits add demands.
    if (withDemands) await seedDemoVisits(local, now);
    if (withDemands) await seedDemoPoints(local);
    if (withDemands) await seedDemoWishes(local);
    if (withDemands) await seedDemoProjects(local, now);
    if (withDemands) await seedDemoPosts(local);
  } finally {
    if (limits === undefined) delete process.env.JINLIN_RATE_LIMITS;
    else process.env.JINLIN_RATE_LIMITS = limits;
  }
  return report;
}
