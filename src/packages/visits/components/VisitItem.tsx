import { Text, View } from '@tarojs/components'

import type { VisitView } from '@/types/visits'

import { Tag } from '@/components/DemandTags'
import Photos from '@/components/Photos'
import { CATEGORY_LABEL } from '@/domain/dispatch'
import { formatTime } from '@/domain/format'
import { METHOD_LABEL, OUTCOME_LABEL, WELLBEING_LABEL } from '@/domain/visits'

/** One visit in a household's record: when, who, how, met or 敲门未遇, wellbeing, notes, needs, photos. */
export default function VisitItem({ visit }: { visit: VisitView }) {
  const met = visit.outcome === 'contact'
  const photos = visit.photoUrls.filter(Boolean)
  return (
    <View className='jl-visit'>
      <View className='jl-tags'>
        <Tag text={OUTCOME_LABEL[visit.outcome]} tone={met ? 'success' : 'warning'} strong />
        <Tag text={METHOD_LABEL[visit.method]} />
        {visit.wellbeing ? <Tag text={`情况${WELLBEING_LABEL[visit.wellbeing]}`} tone={visit.wellbeing === 'critical' || visit.wellbeing === 'poor' ? 'danger' : 'neutral'} /> : null}
        {visit.secretaryVisit ? <Tag text='书记敲门' tone='info' strong /> : null}
        {visit.returnForDemandId ? <Tag text='回访' tone='info' /> : null}
        {met && visit.onTime === false ? <Tag text='晚于走访时间' /> : null}
      </View>
      <Text className='jl-visit__meta'>
        {formatTime(visit.at)} · {visit.visitor.name}
      </Text>
      {visit.notes ? <Text className='jl-detail__text'>{visit.notes}</Text> : null}
      {visit.needs.map((n) => (
        <Text key={n.demandId} className='jl-visit__need'>
          发现困难（{CATEGORY_LABEL[n.category]}）：{n.text} — 已转为诉求
        </Text>
      ))}
      <Photos urls={photos} what='走访照片' />
    </View>
  )
}
