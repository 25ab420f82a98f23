import { Picker, Text, View } from '@tarojs/components'

import type { Me } from '@/types/domain'

import { isAdmin, scorecardTargets, type ScorecardTarget } from '@/domain/dispatch'
import { communitiesOf } from '@/domain/regions'
import { call } from '@/services/api'
import { tappable } from '@/utils/a11y'
import Segments from '@/components/Segments'
import { useLoad } from '@/hooks/useLoad'
import './index.scss'

/** A community or a unit whose figures (三率, 双报到, 排行) a person may see, with its name. */
export interface Target extends ScorecardTarget {
  name: string
}

/**
 * Whose figures the person may see: their own community (staff, grid worker, secretary) or unit
 * (liaison), or — for the county — every community and unit. The server checks the same.
 */
export function useTargets(me: Me) {
  return useLoad<Target[]>(async () => {
    const [tree, units] = await Promise.all([call('org', 'regionTree', { depth: 3 }), call('org', 'listUnits', {})])
    const communities = communitiesOf(tree)
    const targets: ScorecardTarget[] = isAdmin(me)
      ? [...communities.map((c) => ({ scope: 'community' as const, id: c._id })), ...units.map((u) => ({ scope: 'unit' as const, id: u._id }))]
      : scorecardTargets(me)
    const name = (t: ScorecardTarget) => (t.scope === 'community' ? communities.find((c) => c._id === t.id)?.name : units.find((u) => u._id === t.id)?.name) ?? t.id
    return targets.map((t) => ({ ...t, name: name(t) }))
  }, `targets:${me.openid}:${me.roles.map((g) => `${g.role}/${g.communityId ?? ''}/${g.unitId ?? ''}`).join(',')}`)
}

export const targetLabel = (t: Target) => `${t.scope === 'community' ? '社区' : '单位'} · ${t.name}`

/** Up to four as large tabs; more (the county's list) as a picker that says what is chosen. */
export default function TargetPicker({ targets, value, onChange }: { targets: Target[]; value: number; onChange: (index: number) => void }) {
  if (targets.length < 2) return null
  const chosen = targets[Math.min(value, targets.length - 1)]
  if (targets.length <= 4) {
    return <Segments items={targets.map((t, i) => ({ key: String(i), title: targetLabel(t) }))} value={String(value)} onChange={(k) => onChange(Number(k))} />
  }
  return (
    <Picker mode='selector' range={targets.map(targetLabel)} value={value} onChange={(e) => onChange(Number(e.detail.value))}>
      <View className='jl-target-picker' {...tappable(`查看：${targetLabel(chosen)}，点此更换`)}>
        <Text>{targetLabel(chosen)}</Text>
        <Text className='jl-target-picker__change'>更换</Text>
      </View>
    </Picker>
  )
}
