import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'

import type { KeyHouseholdListRequest, KeyHouseholdSummary } from '@/types/visits'

import { Tag } from '@/components/DemandTags'
import PagedList, { countIn, PAGE_SIZE } from '@/components/PagedList'
import { CARE_LEVEL_LABEL, DUE_LABEL, DUE_TONE, dueText, lastContactText, ROUTES } from '@/domain/visits'
import { call } from '@/services/api'
import { tappable } from '@/utils/a11y'
import { cx } from '@/utils/cx'
import './index.scss'

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

/** The key households of one `visits.list` scope (due first, as the server sorts), page by page. */
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
  return (
    <PagedList
      fetchPage={(page) => call('visits', 'list', { ...request, page, pageSize: PAGE_SIZE })}
      idOf={(h) => h.householdId}
      listKey={JSON.stringify(request)}
      version={version}
      loadingText='正在加载重点户…'
      emptyTitle={emptyTitle}
      emptyDescription={emptyDescription}
      count={countIn('户')}
      render={(item) => <HouseholdCard item={item} showVisitors={request.scope === 'community'} />}
    />
  )
}
