import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ReactNode } from 'react'
import { AtButton } from 'taro-ui'

import type { DemandDetail, DemandEvent } from '@/types/dispatch'

import Section from '@/components/Section'
import { EmptyState, ErrorState, Loading } from '@/components/States'
import { ACTION_LABEL, RESIDENT_STATUS_LABEL, STATUS_LABEL } from '@/domain/dispatch'
import { useDemand } from './useDemand'

/**
 * A step's form page: loads the demand, and shows the form only while the server lists the step
 * in `allowedActions` (someone else may have acted meanwhile). The demand's text heads the form.
 */
export default function FormGate({ id, event, children }: { id: string; event: DemandEvent; children: (d: DemandDetail) => ReactNode }) {
  const { state, reload } = useDemand(id, { follow: false })
  if (state.status === 'loading') return <Loading text='正在加载诉求…' />
  if (state.status === 'error') return <ErrorState message={state.message} onRetry={() => void reload()} />
  const d = state.data
  if (!d.allowedActions.includes(event)) {
    return (
      <EmptyState title={`现在不能${ACTION_LABEL[event]}`} description={`这条诉求当前为「${(d.residentView ? RESIDENT_STATUS_LABEL : STATUS_LABEL)[d.status]}」，您现在不能进行这一步。`}>
        <AtButton className='jl-button' onClick={() => void Taro.navigateBack()}>
          返回
        </AtButton>
      </EmptyState>
    )
  }
  return (
    <View className='jl-form'>
      <Section title='诉求'>
        <Text className='jl-detail__text jl-detail__text--clamp'>{d.text}</Text>
      </Section>
      {children(d)}
    </View>
  )
}

/** After a form's step: back to the detail page, which shows the announced result. */
export function backToDetail(toast: string) {
  void Taro.showToast({ title: toast, icon: 'none' })
  void Taro.navigateBack()
}
