/** Fixture factories for component tests: one place, real shapes from types/. */
import type { DevUser } from '@/types/api'
import type { Me } from '@/types/domain'

export function makeMe(overrides: Partial<Me> = {}): Me {
  return {
    openid: 'o-staff-1',
    name: '李秀英',
    phone: '138****1234',
    roles: [{ role: 'resident' }, { role: 'staff', communityId: 'c-dongjie' }],
    community: { _id: 'c-dongjie', name: '东街社区' },
    building: { _id: 'b-1', name: '3号楼' },
    unit: null,
    elderMode: false,
    ...overrides,
  }
}

export function makeDevUser(overrides: Partial<DevUser> = {}): DevUser {
  return {
    openid: 'o-staff-1',
    name: '李秀英',
    roles: [{ role: 'staff', communityId: 'c-dongjie' }],
    label: '社区工作者 · 东街社区',
    ...overrides,
  }
}
