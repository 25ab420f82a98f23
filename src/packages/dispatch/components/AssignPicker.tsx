import { Text, View } from '@tarojs/components'

import type { DemandDetail } from '@/types/dispatch'
import type { UserSummary } from '@/types/domain'

import PagedList from '@/components/PagedList'
import { EmptyState } from '@/components/States'
import { countedPage } from '@/hooks/usePaged'
import { assignable } from '@/domain/dispatch'
import { ApiCallError, call } from '@/services/api'
import { useSession } from '@/store/session'
import { cx } from '@/utils/cx'

export const MEMBERS_PAGE_SIZE = 50

/** A large multi-select row: the whole row is the tap target; chosen is written (已选), not only coloured. */
function MemberRow({ person, chosen, off, mine, onToggle }: { person: UserSummary; chosen: boolean; off: boolean; mine: boolean; onToggle: () => void }) {
  const label = `${person.name}${mine ? '（您本人）' : ''}${person.phone ? `，${person.phone}` : ''}`
  return (
    <View
      className={cx('jl-choice', 'jl-check', chosen && 'jl-choice--selected', off && 'jl-choice--disabled')}
      {...({ role: 'checkbox', ariaRole: 'checkbox', ariaLabel: chosen ? `${label}，已选` : label, 'aria-checked': chosen ? 'true' : 'false', 'aria-disabled': off ? 'true' : 'false' } as Record<string, string>)}
      onClick={() => {
        if (!off) onToggle()
      }}
    >
      <View className={cx('jl-check__box', chosen && 'jl-check__box--on')}>
        <Text>{chosen ? '✓' : ''}</Text>
      </View>
      <View className='jl-choice__text'>
        <Text className='jl-choice__title'>{`${person.name}${mine ? '（您本人）' : ''}`}</Text>
        {person.phone ? <Text className='jl-choice__subtitle'>{person.phone}</Text> : null}
      </View>
      {chosen ? <Text className='jl-choice__mark'>已选</Text> : null}
    </View>
  )
}

/**
 * 指派党员: the members of the demand's unit (org.listUsers with the unit's id, 50 a page), minus
 * those who already hold a claim; up to the free slots (slots − claimedCount) may be chosen.
 */
export default function AssignPicker({
  demand,
  value,
  onChange,
  disabled,
}: {
  demand: DemandDetail
  value: UserSummary[]
  onChange: (next: UserSummary[]) => void
  disabled?: boolean
}) {
  const { me } = useSession()
  const unitId = demand.dispatch?.unitId ?? null
  const { free } = assignable([], demand)
  if (free === 0) return <EmptyState title='名额已满' description='这项任务的名额都已有人认领，不能再指派。' />

  const limit = Math.min(free, 20)
  const chosen = new Set(value.map((u) => u.openid))
  const full = value.length >= limit
  const toggle = (person: UserSummary) => {
    if (chosen.has(person.openid)) onChange(value.filter((u) => u.openid !== person.openid))
    else if (!full) onChange([...value, person])
  }

  return (
    <PagedList
      fetchPage={async (page) => {
        if (!unitId) throw new ApiCallError('INVALID_STATE', '这项任务还没有承办单位，不能指派')
        return countedPage(await call('org', 'listUsers', { unitId, role: 'member', page, pageSize: MEMBERS_PAGE_SIZE }))
      }}
      idOf={(u) => u.openid}
      listKey={unitId ?? ''}
      loadingText='正在加载本单位的党员…'
      count={null}
      renderAll={(items, hasMore) => {
        const { candidates } = assignable(items, demand)
        return (
          <View className='jl-field'>
            <View className='jl-assign__count' role='status' ariaRole='status'>
              <Text>{`还可指派 ${limit} 人，已选 ${value.length} 人`}</Text>
            </View>
            <Text className='jl-field__hint'>
              {full ? `已选满 ${limit} 人。如要换人，请先点一位已选的取消。` : '选择本单位的党员，指派后由他们办理并填写办结情况。已认领的党员不再列出。'}
            </Text>
            {candidates.length ? (
              <View className='jl-choices'>
                {candidates.map((p) => (
                  <MemberRow
                    key={p.openid}
                    person={p}
                    chosen={chosen.has(p.openid)}
                    off={!!disabled || (full && !chosen.has(p.openid))}
                    mine={p.openid === me?.openid}
                    onToggle={() => toggle(p)}
                  />
                ))}
              </View>
            ) : (
              <EmptyState
                title={hasMore ? '已加载的人员里没有可指派的党员' : '本单位没有可指派的党员'}
                description='只能指派本单位、还没有认领这项任务的党员。'
              />
            )}
          </View>
        )
      }}
    />
  )
}
