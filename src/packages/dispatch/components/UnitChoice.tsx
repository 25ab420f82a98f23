import { Text, View } from '@tarojs/components'

import type { DemandDetail } from '@/types/dispatch'

import ChoiceList from '@/components/ChoiceList'
import { EmptyState, ErrorState, Loading } from '@/components/States'
import { useLoad } from '@/hooks/useLoad'
import { call } from '@/services/api'

/** 改派: another unit paired with the demand's community (not the one that has it now). */
export default function UnitChoice({ demand, value, onChange, disabled }: { demand: DemandDetail; value: string; onChange: (unitId: string) => void; disabled?: boolean }) {
  const communityId = demand.communityId
  const current = demand.dispatch?.unitId ? [demand.dispatch.unitId] : (demand.dispatch?.offeredTo ?? [])
  const { state, reload } = useLoad(
    async () => (await call('org', 'listUnits', {})).filter((u) => u.communityIds.includes(communityId) && !current.includes(u._id)),
    `${communityId}/${current.join(',')}`,
  )
  if (state.status === 'loading') return <Loading text='正在加载结对单位…' />
  if (state.status === 'error') return <ErrorState message={state.message} onRetry={() => void reload()} />
  if (state.data.length === 0) return <EmptyState title='没有其他结对单位' description='本社区只有这一个结对单位，可以催办或吹哨。' />
  return (
    <View>
      <Text className='jl-field__hint'>改派后原单位不再办理，本件仍计入原单位的解决率；新单位按新的时限接单。</Text>
      <ChoiceList selectedKey={value || null} onChoose={onChange} disabled={disabled} choices={state.data.map((u) => ({ key: u._id, title: u.name, subtitle: u.description }))} />
    </View>
  )
}
