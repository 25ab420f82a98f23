import type { RegionLevel } from '@/types/domain'

export const LEVEL_LABEL: Record<RegionLevel, string> = { county: '县', town: '镇街', community: '社区', estate: '小区', building: '楼栋' }

/** The level one below: what `addRegion` creates under a region of this level. */
export const CHILD_LEVEL: Record<RegionLevel, RegionLevel | null> = { county: 'town', town: 'community', community: 'estate', estate: 'building', building: null }

/** Levels that carry a 统计用区划代码. */
export const CODED: RegionLevel[] = ['county', 'town', 'community']
