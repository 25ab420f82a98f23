/**
 * The demo county: a fictional 青山县 with one town, three communities, their estates, buildings
 * and households, four county units paired with the communities, and one demo person per role.
 * Fixed ids, so that seeding is idempotent and the README can list the openids.
 */
import type { Region, RoleGrant, Unit } from '../../types/domain';


const COUNTY = 'county-qingshan';
const TOWN = 'town-chengguan';

const COMMUNITIES: [id: string, name: string, estates: [id: string, name: string][]][] = [
  ['c-dongjie', '东街社区', [['e-xingfu', '幸福小区'], ['e-heping', '和平小区']]],
  ['c-ximen', '西门社区', [['e-ximenhuayuan', '西门花园'], ['e-shuxiangyuan', '书香苑']]],
  ['c-nanshan', '南山社区', [['e-nanshanxincun', '南山新村'], ['e-jinxiujiayuan', '锦绣家园']]],
];
const BUILDINGS_PER_ESTATE = 3;
const ROOMS = ['101', '102', '201', '202', '301', '302'];

function region(_id: string, level: Region['level'], name: string, path: string[]): Region {
  return { _id, level, name, parentId: path.length ? path[path.length - 1] : null, path, depth: path.length };
}

export function demoRegions(): Region[] {
  const out: Region[] = [region(COUNTY, 'county', '青山县', []), region(TOWN, 'town', '城关镇', [COUNTY])];
  for (const [cid, cname, estates] of COMMUNITIES) {
    out.push(region(cid, 'community', cname, [COUNTY, TOWN]));
    for (const [eid, ename] of estates) {
      out.push(region(eid, 'estate', ename, [COUNTY, TOWN, cid]));
      for (let b = 1; b <= BUILDINGS_PER_ESTATE; b++) {
        out.push(region(`${eid}-${b}`.replace(/^e-/, 'b-'), 'building', `${ename}${b}号楼`, [COUNTY, TOWN, cid, eid]));
      }
    }
  }
  return out;
}

export interface SeedHousehold {
  _id: string;
  buildingId: string;
  estateId: string;
  communityId: string;
  room: string;
}

export function demoHouseholds(): SeedHousehold[] {
  return demoRegions()
    .filter((r) => r.level === 'building')
    .flatMap((b) =>
      ROOMS.map((room) => ({ _id: `h-${b._id.slice(2)}-${room}`, buildingId: b._id, estateId: b.path[3], communityId: b.path[2], room })),
    );
}

export const DEMO_UNITS: Unit[] = [
  { _id: 'unit-renshe', name: '县人社局', description: '就业、社保、劳动维权' },
  { _id: 'unit-weijian', name: '县卫健局', description: '医疗卫生、健康义诊、老年健康' },
  { _id: 'unit-zhujian', name: '县住建局', description: '房屋安全、老旧小区改造、物业' },
  { _id: 'unit-gongdian', name: '国网青山县供电公司', description: '用电安全、线路维修' },
];

/** 结对共建: unit ↔ community. */
export const DEMO_PAIRINGS: [unitId: string, communityId: string][] = [
  ['unit-renshe', 'c-dongjie'],
  ['unit-weijian', 'c-dongjie'],
  ['unit-gongdian', 'c-dongjie'],
  ['unit-weijian', 'c-ximen'],
  ['unit-zhujian', 'c-ximen'],
  ['unit-zhujian', 'c-nanshan'],
  ['unit-gongdian', 'c-nanshan'],
];

export interface DemoPerson {
  openid: string;
  name: string;
  phone: string;
  roles: RoleGrant[];
  communityId: string | null;
  buildingId: string | null;
  unitId: string | null;
  /** For the role switcher. */
  label: string;
}

export const DEMO_PEOPLE: DemoPerson[] = [
  {
    openid: 'demo-resident-wang', name: '王秀英', phone: '13800001001', label: '居民 · 王秀英（东街社区）',
    roles: [{ role: 'resident' }], communityId: 'c-dongjie', buildingId: 'b-xingfu-1', unitId: null,
  },
  {
    openid: 'demo-resident-li', name: '李建国', phone: '13800001002', label: '居民 · 李建国（西门社区）',
    roles: [{ role: 'resident' }], communityId: 'c-ximen', buildingId: 'b-ximenhuayuan-2', unitId: null,
  },
  {
    openid: 'demo-member-zhang', name: '张伟', phone: '13800002001', label: '党员 · 张伟（县人社局）',
    roles: [{ role: 'resident' }, { role: 'member', unitId: 'unit-renshe' }], communityId: 'c-dongjie', buildingId: 'b-heping-1', unitId: 'unit-renshe',
  },
  {
    openid: 'demo-member-chen', name: '陈静', phone: '13800002002', label: '党员 · 陈静（县人社局）',
    roles: [{ role: 'resident' }, { role: 'member', unitId: 'unit-renshe' }], communityId: 'c-ximen', buildingId: 'b-shuxiangyuan-1', unitId: 'unit-renshe',
  },
  {
    openid: 'demo-member-liu', name: '刘洋', phone: '13800002003', label: '党员 · 刘洋（县卫健局）',
    roles: [{ role: 'resident' }, { role: 'member', unitId: 'unit-weijian' }], communityId: 'c-dongjie', buildingId: 'b-xingfu-2', unitId: 'unit-weijian',
  },
  {
    openid: 'demo-liaison-renshe', name: '赵敏', phone: '13800003001', label: '单位联络员 · 赵敏（县人社局）',
    roles: [{ role: 'resident' }, { role: 'liaison', unitId: 'unit-renshe' }, { role: 'member', unitId: 'unit-renshe' }],
    communityId: 'c-nanshan', buildingId: 'b-nanshanxincun-1', unitId: 'unit-renshe',
  },
  {
    openid: 'demo-liaison-weijian', name: '孙磊', phone: '13800003002', label: '单位联络员 · 孙磊（县卫健局）',
    roles: [{ role: 'resident' }, { role: 'liaison', unitId: 'unit-weijian' }, { role: 'member', unitId: 'unit-weijian' }],
    communityId: 'c-ximen', buildingId: 'b-ximenhuayuan-1', unitId: 'unit-weijian',
  },
  {
    openid: 'demo-staff-dongjie', name: '周芳', phone: '13800004001', label: '社区工作者 · 周芳（东街社区）',
    roles: [{ role: 'resident' }, { role: 'staff', communityId: 'c-dongjie' }], communityId: 'c-dongjie', buildingId: 'b-xingfu-3', unitId: null,
  },
  {
    openid: 'demo-grid-dongjie', name: '吴强', phone: '13800004002', label: '网格员 · 吴强（东街社区）',
    roles: [{ role: 'resident' }, { role: 'gridWorker', communityId: 'c-dongjie' }], communityId: 'c-dongjie', buildingId: 'b-heping-2', unitId: null,
  },
  {
    openid: 'demo-staff-ximen', name: '郑丽', phone: '13800004003', label: '社区工作者 · 郑丽（西门社区）',
    roles: [{ role: 'resident' }, { role: 'staff', communityId: 'c-ximen' }], communityId: 'c-ximen', buildingId: 'b-shuxiangyuan-2', unitId: null,
  },
  {
    openid: 'demo-secretary-dongjie', name: '黄志明', phone: '13800005001', label: '书记 · 黄志明（东街社区）',
    roles: [{ role: 'resident' }, { role: 'secretary', communityId: 'c-dongjie' }], communityId: 'c-dongjie', buildingId: 'b-heping-3', unitId: null,
  },
  {
    openid: 'demo-admin', name: '林海', phone: '13800006001', label: '县委组织部 · 林海',
    roles: [{ role: 'admin' }], communityId: null, buildingId: null, unitId: null,
  },
  {
    openid: 'demo-town-chengguan', name: '钱立新', phone: '13800007001', label: '镇街干部 · 钱立新（城关镇）',
    roles: [{ role: 'resident' }, { role: 'town', townId: TOWN }], communityId: 'c-nanshan', buildingId: 'b-jinxiujiayuan-1', unitId: null,
  },
];

