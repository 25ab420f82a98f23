import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { AtButton } from 'taro-ui'

import Page from '@/components/Page'
import Row from '@/components/Row'
import Section from '@/components/Section'
import { EmptyState, ErrorState, Loading } from '@/components/States'
import { useAction } from '@/hooks/useAction'
import { useLoad } from '@/hooks/useLoad'
import { usePageParams } from '@/hooks/usePageParams'
import { call } from '@/services/api'
import { useSession } from '@/store/session'
import RegisteredStep from '../components/RegisteredStep'
import { sceneOf } from '../scene'
import '../me.scss'

function Building({ buildingId }: { buildingId: string }) {
  const { state: session, setMe } = useSession()
  const { state, reload } = useLoad(() => call('org', 'previewBuilding', { buildingId }), buildingId)
  const { busy, error, run } = useAction()

  if (state.status === 'loading') return <Loading text='正在查看楼栋…' />
  if (state.status === 'error') return <ErrorState message={state.message} onRetry={() => void reload()} />
  const b = state.data
  const me = session.status === 'ready' ? session.me : null
  const bound = me?.building?._id === buildingId
  const bind = async () => {
    const next = await run(() => call('org', 'bindBuilding', { buildingId }))
    if (next) setMe(next)
  }
  return (
    <Section title={b.building}>
      <Row label='社区'>{b.community}</Row>
      <Row label='小区'>{b.estate}</Row>
      <Row label='楼栋'>{b.building}</Row>
      {bound ? (
        <View role='status' ariaRole='status'>
          <Text className='jl-form__lead'>已绑定到此楼栋。有事可以直接「我要反映」，社区会收到。</Text>
          <AtButton className='jl-button' type='primary' onClick={() => void Taro.navigateTo({ url: '/packages/dispatch/report/index' })}>
            我要反映
          </AtButton>
        </View>
      ) : (
        <RegisteredStep registerFirst='先留下姓名完成注册，再绑定到此楼栋。' label='绑定到此楼栋' busy={busy} error={error} onStep={() => void bind()}>
          {me?.building ? <Text className='jl-form__lead'>您现在绑定的是 {me.building.name}，绑定后改为此楼栋。</Text> : null}
        </RegisteredStep>
      )}
    </Section>
  )
}

/** 楼栋码: opened by a building's QR code (`?scene=<buildingId>`): where it is, and 绑定到此楼栋 in one tap. */
export default function BuildingPage() {
  const id = sceneOf(usePageParams())
  return <Page>{id ? <Building buildingId={id} /> : <EmptyState title='没有识别到楼栋' description='请重新扫描楼道里张贴的楼栋码。' />}</Page>
}
