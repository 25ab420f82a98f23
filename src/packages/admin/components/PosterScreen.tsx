import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import ChoiceList from '@/components/ChoiceList'
import Section from '@/components/Section'
import { EmptyState, ErrorState, Loading } from '@/components/States'
import { useLoad } from '@/hooks/useLoad'
import { call } from '@/services/api'
import QrCode, { pageLink } from './QrCode'
import { useScopes } from './useScopes'

function Sheet({ communityId }: { communityId: string }) {
  const { state, reload } = useLoad(() => call('org', 'buildingPoster', { communityId }), communityId)
  if (state.status === 'loading') return <Loading text='正在生成楼栋码…' />
  if (state.status === 'error') return <ErrorState message={state.message} onRetry={() => void reload()} />
  const { community, buildings } = state.data
  return (
    <Section title={`${community.name} 楼栋码（${buildings.length} 栋）`}>
      {buildings.length === 0 ? (
        <EmptyState title='这个社区还没有楼栋' description='先在「地区」添加小区和楼栋。' />
      ) : (
        <>
          <View className='jl-poster__noprint'>
            <Text className='jl-form__lead'>每栋楼一个码，贴在楼道里；居民用微信扫码即可绑定到所住楼栋。</Text>
            {process.env.TARO_ENV === 'h5' ? (
              <AtButton className='jl-button' type='primary' onClick={() => window.print()}>
                打印
              </AtButton>
            ) : (
              <Text className='jl-form__lead'>在电脑上打开本页可直接打印；手机上可截图保存。</Text>
            )}
          </View>
          <View className='jl-poster'>
            {buildings.map((b) => (
              <View key={b.buildingId} className='jl-poster__card'>
                <QrCode value={pageLink(b.page, b.scene)} label={`${b.name}的楼栋码`} />
                <Text className='jl-admin-row__title'>{b.name}</Text>
                <Text className='jl-admin-row__sub'>
                  {community.name} · {b.estateName}
                </Text>
              </View>
            ))}
          </View>
        </>
      )}
    </Section>
  )
}

/** The admin chooses a community; a secretary's is their own. */
export default function PosterScreen({ communityId }: { communityId?: string }) {
  const [chosen, setChosen] = useState<string | null>(communityId ?? null)
  const { state, reload } = useScopes()
  if (chosen) {
    return (
      <>
        {communityId ? null : (
          <View className='jl-poster__noprint'>
            <AtButton className='jl-button' onClick={() => setChosen(null)}>
              换一个社区
            </AtButton>
          </View>
        )}
        <Sheet communityId={chosen} />
      </>
    )
  }
  if (state.status === 'loading') return <Loading />
  if (state.status === 'error') return <ErrorState message={state.message} onRetry={() => void reload()} />
  return (
    <Section title='选择社区'>
      {state.data.communities.length ? (
        <ChoiceList choices={state.data.communities.map((c) => ({ key: c._id, title: c.name }))} onChoose={setChosen} />
      ) : (
        <EmptyState title='还没有社区' description='先在「地区」新建或导入社区。' />
      )}
    </Section>
  )
}
