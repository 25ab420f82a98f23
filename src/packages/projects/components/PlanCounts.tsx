import { Text, View } from '@tarojs/components'

import LinkList from '@/components/LinkList'
import { ErrorState, Loading } from '@/components/States'
import { useChanged, useLoad } from '@/hooks/useLoad'
import { PROJECT_CHANGED, PROJECT_ROUTES } from '@/domain/projects'
import { call } from '@/services/api'

/**
 * 共建计划: this year's plan against what is done, for a unit or a community — the totals
 * (认领、完成、评实效) and one line per pairing, each opening that pairing's plan.
 */
export default function PlanCounts({ scope, id, year }: { scope: 'unit' | 'community'; id: string; year: string }) {
  const version = useChanged(PROJECT_CHANGED)
  const { state, reload } = useLoad(() => call('projects', 'counts', { scope, id, year }), `${scope}:${id}:${year}`, version)
  if (state.status === 'loading') return <Loading />
  if (state.status === 'error') return <ErrorState message={state.message} onRetry={() => void reload()} />
  const c = state.data
  return (
    <>
      <View className='jl-project__counts'>
        <Text>{`${year}年 计划 ${c.claimed} 个`}</Text>
        <Text>{`已完成 ${c.completed} 个`}</Text>
        <Text>{`已评实效 ${c.rated} 个`}</Text>
      </View>
      {c.pairings.length ? (
        <LinkList
          items={c.pairings.map((p) => {
            const name = scope === 'unit' ? p.communityName : p.unitName
            return { title: name, subtitle: `认领 ${p.claimed} · 完成 ${p.completed} · 评实效 ${p.rated}`, url: PROJECT_ROUTES.plan(p.unitId, p.communityId, year, `${p.unitName} × ${p.communityName}`) }
          })}
        />
      ) : (
        <Text className='jl-card__text'>今年还没有认领的共建项目。</Text>
      )}
    </>
  )
}
