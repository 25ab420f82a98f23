import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'

import type { KeyHouseholdListRequest, KeyHouseholdSummary } from '@/types/visits'

import { Tag } from '@/components/DemandTags'
import LoadMore from '@/components/LoadMore'
import { usePaged } from '@/hooks/usePaged'
import { EmptyState, ErrorState, Loading } from '@/components/States'
import { CARE_LEVEL_LABEL, DUE_LABEL, DUE_TONE, dueText, lastContactText, ROUTES } from '@/domain/visits'
import { call } from '@/services/api'
import { tappable } from '@/utils/a11y'
import { cx } from '@/utils/cx'
import '../../../components/States/FormError.scss'
import './HouseholdList.scss'

export const PAGE_SIZE = 10

/**
 * One key household in a list: where, whom to ask for, its due window in words (⚠ 已超期 with the
 * days late — never colour alone), 待回访 when a return visit is owed. The whole card is the target.
 * Lists carry no care categories, no notes and only masked phones.
 */
export function HouseholdCard({ item, showVisitors }: { item: KeyHouseholdSummary; showVisitors?: boolean }) {
  const overdue = item.dueStatus === 'overdue'
  const returns = item.returnsDue.length
  const label = `${item.address}，${DUE_LABEL[item.dueStatus]}${returns ? '，待回访' : ''}，查看重点户`
  return (
    <View
      className={cx('jl-household', overdue && 'jl-household--overdue')}
      {...tappable(label, 'link')}
      onClick={() => void Taro.navigateTo({ url: ROUTES.household(item.householdId) })}
    >
      <View className='jl-tags'>
        <Tag text={overdue ? `⚠ ${DUE_LABEL.overdue}` : DUE_LABEL[item.dueStatus]} tone={DUE_TONE[item.dueStatus]} strong />
        {returns ? <Tag text={returns > 1 ? `待回访 ${returns} 件` : '待回访'} tone='info' strong /> : null}
        <Tag text={CARE_LEVEL_LABEL[item.careLevel]} />
      </View>
      <Text className='jl-household__address'>{item.address}</Text>
      <Text className={cx('jl-household__due', overdue && 'jl-household__due--overdue')}>{dueText(item)}</Text>
      <View className='jl-household__meta'>
        <Text>联系人：{item.contactName}</Text>
        <Text>{lastContactText(item)}</Text>
        {showVisitors ? <Text>{item.visitors.length ? `包户：${item.visitors.map((v) => v.name).join('、')}` : '未安排包户'}</Text> : null}
      </View>
    </View>
  )
}

/** A paged list of key households from `visits.list` (due first, as the server sorts), with 加载更多. */
export default function HouseholdList({
  request,
  emptyTitle,
  emptyDescription,
  version = 0,
}: {
  request: Omit<KeyHouseholdListRequest, 'page' | 'pageSize'>
  emptyTitle: string
  emptyDescription?: string
  version?: number
}) {
  const key = JSON.stringify(request)
  const { state, reload, loadMore } = usePaged(
    (page) => call('visits', 'list', { ...request, page, pageSize: PAGE_SIZE }),
    (h) => h.householdId,
    key,
    version,
  )
  if (state.status === 'loading') return <Loading text='正在加载重点户…' />
  if (state.status === 'error') return <ErrorState message={state.message} onRetry={() => void reload()} />
  if (state.items.length === 0) return <EmptyState title={emptyTitle} description={emptyDescription} />
  return (
    <View className='jl-households'>
      {state.items.map((item) => (
        <HouseholdCard key={item.householdId} item={item} showVisitors={request.scope === 'community'} />
      ))}
      <Text className='jl-households__count'>{state.hasMore ? `已显示 ${state.items.length} 户` : `共 ${state.items.length} 户`}</Text>
      <LoadMore hasMore={state.hasMore} loading={state.more} error={state.moreError} onMore={() => void loadMore()} />
    </View>
  )
}
