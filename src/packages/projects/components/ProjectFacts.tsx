import { Text, View } from '@tarojs/components'

import type { ProjectView } from '@/types/projects'

import { Tag } from '@/components/DemandTags'
import Photos from '@/components/Photos'
import { formatTime } from '@/domain/format'
import { PROJECT_LABEL, PROJECT_TONE, periodLine, RATING_LABEL } from '@/domain/projects'

/**
 * What a project is: status, which list it came from, what and for whom, the period and the help
 * wanted, the unit doing it, who takes part; with `full`, every progress update with its photos,
 * the completion and the community's 评实效.
 */
export default function ProjectFacts({ p, full = false }: { p: ProjectView; full?: boolean }) {
  return (
    <>
      <View className='jl-tags'>
        <Tag text={PROJECT_LABEL[p.status]} tone={PROJECT_TONE[p.status]} strong />
        <Tag text={p.origin === 'need' ? '社区需求' : '单位服务'} tone='neutral' />
      </View>
      <Text className='jl-card__title'>{p.title}</Text>
      <Text className='jl-card__text'>{p.description}</Text>
      <Text className='jl-card__text'>{`${p.origin === 'need' ? '需要的帮助' : '需要的服务'}：${p.helpWanted}`}</Text>
      <View className='jl-card__meta'>
        <Text>{`${p.communityName} · 周期 ${periodLine(p.period)}`}</Text>
        {p.unitName ? <Text>{`承接单位：${p.unitName}`}</Text> : <Text>等待结对单位认领</Text>}
        {p.members.length ? <Text>{`参与党员：${p.members.map((m) => m.name).join('、')}`}</Text> : null}
      </View>
      {full
        ? p.progress.map((u, i) => (
            <View key={`${String(u.at)}-${i}`} className='jl-project__update'>
              <Text>{`${formatTime(u.at)} ${u.byName}：${u.text}`}</Text>
              <Photos urls={u.photos.map((ph) => ph.url)} what={`第 ${i + 1} 条进展的照片`} />
            </View>
          ))
        : p.progress.length ? <Text className='jl-card__meta'>{`已登记 ${p.progress.length} 条进展`}</Text> : null}
      {p.completion ? <Text className='jl-card__text'>{`完成情况：${p.completion.note}`}</Text> : null}
      {p.rating ? <Text className='jl-ok'>{`社区评实效：${RATING_LABEL[p.rating.value]}。${p.rating.comment}`}</Text> : null}
      {p.declineReason ? <Text className='jl-card__why'>{`${p.status === 'declined' ? '婉拒' : '撤回'}的原因：${p.declineReason}`}</Text> : null}
    </>
  )
}
