import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { AtButton } from 'taro-ui'

import type { KeyHouseholdDetail, VisitorCandidate } from '@/types/visits'

import PagedList from '@/components/PagedList'
import Section from '@/components/Section'
import { EmptyState, ErrorState, Loading } from '@/components/States'
import FormError from '@/components/States/FormError'
import { useAction } from '@/hooks/useAction'
import { confirmStep } from '@/components/form/confirmStep'
import { VISITOR_KIND_LABEL } from '@/domain/visits'
import { call } from '@/services/api'
import { announceHousehold, useHousehold } from './useHousehold'

const CANDIDATES_PAGE_SIZE = 20

/** Who may be paired in the community, 20 a page; those already paired are left out. */
function Candidates({ d, busy, onPair }: { d: KeyHouseholdDetail; busy: boolean; onPair: (c: VisitorCandidate) => void }) {
  const paired = new Set(d.visitors.map((v) => v.openid))
  return (
    <PagedList
      fetchPage={(page) => call('visits', 'visitorCandidates', { communityId: d.communityId, page, pageSize: CANDIDATES_PAGE_SIZE })}
      idOf={(c) => c.openid}
      listKey={d.communityId}
      loadingText='正在加载可包挂的人…'
      count={null}
      className='jl-paged--rows'
      renderAll={(items) => {
        const free = items.filter((c) => !paired.has(c.openid))
        if (!free.length) return <EmptyState title='没有可以再安排的人' description='本社区的党员、网格员、社区工作者和书记可以包挂重点户。' />
        return free.map((c) => (
          <View key={c.openid} className='jl-visitor-row'>
            <View className='jl-visitor-row__text'>
              <Text className='jl-visitor-row__name'>{c.name}</Text>
              <Text className='jl-visitor-row__meta'>{VISITOR_KIND_LABEL[c.kind]}</Text>
            </View>
            <AtButton className='jl-button jl-visitor-row__button' type='primary' size='small' disabled={busy} onClick={() => onPair(c)}>
              {`安排${c.name}包挂`}
            </AtButton>
          </View>
        ))
      }}
    />
  )
}

/**
 * 安排包挂: the household's visitors, each with 解除包挂, and the people who may be paired, each with
 * 包挂 — every change confirmed first and recorded by the server (who, whom, when, why).
 */
export default function PairingScreen({ id }: { id: string }) {
  const { state, reload, setDetail } = useHousehold(id)
  const { busy, error, run } = useAction()
  if (state.status === 'loading') return <Loading text='正在加载重点户…' />
  if (state.status === 'error') return <ErrorState message={state.message} onRetry={() => void reload()} />
  const d = state.data
  const canPair = d.allowedActions.includes('pair')
  const canUnpair = d.allowedActions.includes('unpair')
  if (!canPair && !canUnpair) return <EmptyState title='不能安排这户的包挂' description='本社区的社区工作者、网格员和书记可以安排包挂。' />

  const step = async (question: string, confirmText: string, request: () => Promise<KeyHouseholdDetail>, done: string) => {
    if (!(await confirmStep('包挂', question, confirmText))) return
    const detail = await run(request)
    if (!detail) return
    setDetail(detail)
    announceHousehold(detail.householdId, detail)
    void Taro.showToast({ title: done, icon: 'none' })
  }

  return (
    <View className='jl-form'>
      <Text className='jl-page__lead'>{d.address}</Text>
      <FormError message={error} />
      <Section title='现在的包户'>
        {d.visitors.length ? (
          d.visitors.map((v) => (
            <View key={v.openid} className='jl-visitor-row'>
              <View className='jl-visitor-row__text'>
                <Text className='jl-visitor-row__name'>{v.name}</Text>
                <Text className='jl-visitor-row__meta'>{VISITOR_KIND_LABEL[v.kind]}</Text>
              </View>
              {canUnpair ? (
                <AtButton
                  className='jl-button jl-visitor-row__button'
                  size='small'
                  disabled={busy}
                  onClick={() => void step(`确认解除 ${v.name} 对 ${d.address} 的包挂？`, '解除', () => call('visits', 'unpair', { householdId: d.householdId, visitorOpenid: v.openid }), '已解除包挂')}
                >
                  {`解除${v.name}的包挂`}
                </AtButton>
              ) : null}
            </View>
          ))
        ) : (
          <Text className='jl-field__hint'>还没有安排包户：请从下面选人。</Text>
        )}
      </Section>
      {canPair ? (
        <Section title='可以安排的人'>
          <Candidates
            d={d}
            busy={busy}
            onPair={(c) =>
              void step(`确认安排 ${c.name}（${VISITOR_KIND_LABEL[c.kind]}）包挂 ${d.address}？TA 会在「我的包户」看到这户。`, '安排', () => call('visits', 'pair', { householdId: d.householdId, visitorOpenid: c.openid }), '已安排包挂')
            }
          />
        </Section>
      ) : null}
    </View>
  )
}
