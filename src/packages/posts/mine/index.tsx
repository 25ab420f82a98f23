import { Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { PostClaim } from '@/types/posts'

import IdentityGate from '@/components/IdentityGate'
import Page from '@/components/Page'
import Section from '@/components/Section'
import { EmptyState, ErrorState, Loading } from '@/components/States'
import FormError from '@/components/States/FormError'
import Stepper from '@/components/form/Stepper'
import TextField from '@/components/form/TextField'
import { confirmStep } from '@/components/form/confirmStep'
import { KIND_LABEL, POST_ROUTES, POSTS_CHANGED } from '@/domain/posts'
import { useAction } from '@/hooks/useAction'
import { useChanged, useLoad } from '@/hooks/useLoad'
import { call } from '@/services/api'
import { tappable } from '@/utils/a11y'
import { LogSection } from '../components/Lists'
import '../components/posts.scss'

const todayIn = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)

/** 登记服务: which post, which day, how many hours, what was done. Staff verify it. */
function LogForm({ claims }: { claims: PostClaim[] }) {
  const [index, setIndex] = useState(0)
  const [day, setDay] = useState(todayIn())
  const [hours, setHours] = useState(1)
  const [note, setNote] = useState('')
  const { busy, error, setError, run } = useAction()
  const c = claims[index]
  const save = async () => {
    if (!note.trim()) return setError('请写一下做了什么')
    if (!(await confirmStep('登记服务', `在「${c.postName}」${day} 服务 ${hours} 小时？社区验收后计入时长和积分。`, '登记'))) return
    const saved = await run(() => call('posts', 'logWork', { postId: c.postId, workedOn: day, hours, note: note.trim() }))
    if (!saved) return
    setNote('')
    Taro.eventCenter.trigger(POSTS_CHANGED)
    void Taro.showToast({ title: '已登记，等待社区验收', icon: 'none' })
  }
  return (
    <Section title='登记服务'>
      <Picker mode='selector' range={claims.map((x) => `${KIND_LABEL[x.kind]} · ${x.postName}`)} value={index} onChange={(e) => setIndex(Number(e.detail.value))}>
        <View className='jl-picker' {...tappable('选择岗位')}>
          <Text>{`岗位：${c.postName}`}</Text>
          <Text className='jl-picker__change'>选择</Text>
        </View>
      </Picker>
      <Picker mode='date' value={day} end={todayIn()} onChange={(e) => setDay(String(e.detail.value))}>
        <View className='jl-picker' {...tappable('选择服务日期')}>
          <Text>{`服务日期：${day}`}</Text>
          <Text className='jl-picker__change'>选择</Text>
        </View>
      </Picker>
      <Stepper label='服务时长' value={hours} onChange={setHours} min={0.5} max={12} step={0.5} unit='小时' />
      <TextField label='做了什么' value={note} onChange={setNote} max={200} placeholder='例如：走访和平小区 1 号楼，收集意见 3 条' disabled={busy} />
      <FormError message={error} />
      <AtButton className='jl-button jl-submit' type='primary' loading={busy} disabled={busy} onClick={() => void save()}>
        登记服务
      </AtButton>
    </Section>
  )
}

function MineScreen() {
  const version = useChanged(POSTS_CHANGED)
  const year = todayIn().slice(0, 4)
  const { state, reload } = useLoad(() => call('posts', 'myPosts', { pageSize: 50 }), 'mine', version)
  return (
    <>
      <Section title='我认领的岗位和责任区'>
        {state.status === 'loading' ? <Loading /> : null}
        {state.status === 'error' ? <ErrorState message={state.message} onRetry={() => void reload()} /> : null}
        {state.status === 'ready' && !state.data.items.length ? (
          <EmptyState title='还没有认领岗位' description='到「岗位与责任区」认领一个岗位或责任区，服务后在这里登记。' />
        ) : null}
        {state.status === 'ready'
          ? state.data.items.map((c) => (
              <View key={c._id} className='jl-card'>
                <Text className='jl-card__title'>{`${KIND_LABEL[c.kind]} · ${c.postName}`}</Text>
                <Text className='jl-card__meta'>{`今年已验收 ${c.hours?.[year] ?? 0} 小时`}</Text>
              </View>
            ))
          : null}
        <AtButton className='jl-button' onClick={() => void Taro.navigateTo({ url: POST_ROUTES.list })}>
          去认领岗位
        </AtButton>
      </Section>
      {state.status === 'ready' && state.data.items.length ? <LogForm claims={state.data.items} /> : null}
      <LogSection scope='mine' title='我的服务记录' emptyTitle='还没有服务记录' emptyDescription='在岗位上服务后登记，社区验收后计入服务时长和积分。' />
    </>
  )
}

/** 我的岗位: the posts and zones I hold, 登记服务, and my logs with their 验收. */
export default function MinePage() {
  return (
    <Page>
      <IdentityGate>{(me) => <MineScreen key={me.openid} />}</IdentityGate>
    </Page>
  )
}
