import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { Me } from '@/types/domain'
import type { PostKind, PostView } from '@/types/posts'

import { Tag } from '@/components/DemandTags'
import CommunityChoice from '@/components/CommunityChoice'
import IdentityGate from '@/components/IdentityGate'
import Page from '@/components/Page'
import { countIn, PAGE_SIZE } from '@/components/PagedList'
import PagedSection from '@/components/PagedSection'
import Section from '@/components/Section'
import Segments from '@/components/Segments'
import FormError from '@/components/States/FormError'
import Stepper from '@/components/form/Stepper'
import LineField from '@/components/form/LineField'
import TextField from '@/components/form/TextField'
import { confirmStep } from '@/components/form/confirmStep'
import { isPostStaff, KIND_LABEL, POST_ROUTES, POSTS_CHANGED } from '@/domain/posts'
import { servedCommunities } from '@/domain/regions'
import { useAction } from '@/hooks/useAction'
import { useChanged } from '@/hooks/useLoad'
import { call } from '@/services/api'
import '../components/posts.scss'

/** One post or zone: what it is, the hours a year, how many hold it, 我来认岗 (asked first). */
function PostCard({ p: initial }: { p: PostView }) {
  const [p, setP] = useState(initial)
  const { busy, error, run } = useAction()
  const claim = async () => {
    if (!(await confirmStep('认领岗位', `认领「${p.name}」？认领后每年应服务 ${p.hoursPerYear} 小时，服务后在「我的岗位」登记，社区验收后计入时长和积分。`, '认领'))) return
    const next = await run(() => call('posts', 'claimPost', { id: p._id }))
    if (!next) return
    setP(next)
    Taro.eventCenter.trigger(POSTS_CHANGED)
    void Taro.showToast({ title: '认领成功', icon: 'none' })
  }
  const archive = async () => {
    if (!(await confirmStep('停用岗位', `停用「${p.name}」？停用后不再显示、不能再认领；已认领的党员和服务记录都保留。`, '停用'))) return
    const next = await run(() => call('posts', 'archivePost', { id: p._id }))
    if (!next) return
    Taro.eventCenter.trigger(POSTS_CHANGED)
    void Taro.showToast({ title: '已停用', icon: 'none' })
  }
  return (
    <View className='jl-card jl-post'>
      <View className='jl-tags'>
        <Tag text={KIND_LABEL[p.kind]} tone='info' strong />
        {p.claimed ? <Tag text='我已认领' tone='success' /> : null}
      </View>
      <Text className='jl-card__title'>{p.name}</Text>
      <Text className='jl-card__text'>{`职责：${p.duties}`}</Text>
      <View className='jl-card__meta'>
        <Text>{`每人每年 ${p.hoursPerYear} 小时`}</Text>
        <Text>{`${p.holders} 人认领`}</Text>
      </View>
      <FormError message={error} />
      {p.canClaim ? (
        <AtButton className='jl-button' type='primary' loading={busy} disabled={busy} onClick={() => void claim()}>
          我来认岗
        </AtButton>
      ) : null}
      {p.canManage ? (
        <AtButton className='jl-button' loading={busy} disabled={busy} onClick={() => void archive()}>
          停用
        </AtButton>
      ) : null}
    </View>
  )
}

/** 设岗: staff define a post or a zone of their community. */
function NewPost({ communityId }: { communityId: string }) {
  const [kind, setKind] = useState<PostKind>('post')
  const [name, setName] = useState('')
  const [duties, setDuties] = useState('')
  const [hours, setHours] = useState(20)
  const { busy, error, setError, run } = useAction()
  const save = async () => {
    if (!name.trim() || !duties.trim()) return setError('请填写名称和职责')
    if (!(await confirmStep('设岗', `设立${KIND_LABEL[kind]}「${name.trim()}」，每人每年 ${hours} 小时？`, '设立'))) return
    const saved = await run(() => call('posts', 'createPost', { communityId, kind, name: name.trim(), duties: duties.trim(), hoursPerYear: hours }))
    if (!saved) return
    setName('')
    setDuties('')
    Taro.eventCenter.trigger(POSTS_CHANGED)
    void Taro.showToast({ title: '已设立', icon: 'none' })
  }
  return (
    <Section title='设岗定责'>
      <Segments items={[{ key: 'post', title: '服务岗位' }, { key: 'zone', title: '责任区' }]} value={kind} onChange={(k) => setKind(k as PostKind)} />
      <LineField label={kind === 'post' ? '岗位名称' : '责任区名称'} value={name} onChange={setName} max={30} placeholder={kind === 'post' ? '例如：纠纷调解岗' : '例如：东门绿化带'} />
      <TextField label='职责' value={duties} onChange={setDuties} max={300} placeholder='例如：每月走访楼栋，收集居民意见并反映到社区' disabled={busy} />
      <Stepper label='每人每年服务时长' value={hours} onChange={setHours} min={0} max={200} step={2} unit='小时' />
      <FormError message={error} />
      <AtButton className='jl-button jl-submit' type='primary' loading={busy} disabled={busy} onClick={() => void save()}>
        设立
      </AtButton>
    </Section>
  )
}

function ListScreen({ me }: { me: Me }) {
  const version = useChanged(POSTS_CHANGED)
  const staffOf = me.roles.find((g) => ['staff', 'gridWorker', 'secretary'].includes(g.role))?.communityId ?? null
  const choices = servedCommunities(me)
  const [chosen, setChosen] = useState(choices[0]?._id ?? null)
  const communityId = chosen ?? staffOf
  if (!communityId) return <Section title='岗位与责任区'><Text className='jl-card__text'>请先在「我的」里绑定您住的楼栋，再看本社区的岗位。</Text></Section>
  return (
    <>
      <PagedSection
        title={`${choices.find((c) => c._id === chosen)?.name ?? '本社区'}的岗位与责任区`}
        listKey={`posts:${communityId}`}
        version={version}
        fetchPage={(page) => call('posts', 'listPosts', { communityId, page, pageSize: PAGE_SIZE })}
        idOf={(p) => p._id}
        emptyTitle='还没有岗位和责任区'
        emptyDescription='社区设岗定责后，党员可以在这里认领岗位或责任区。'
        count={countIn('个')}
        render={(p) => <PostCard key={`${p._id}:${p.claimed}`} p={p} />}
      >
        {chosen ? <CommunityChoice choices={choices} value={chosen} onChange={setChosen} /> : null}
      </PagedSection>
      {isPostStaff(me) && staffOf ? <NewPost communityId={staffOf} /> : null}
      <AtButton className='jl-button' onClick={() => void Taro.navigateTo({ url: POST_ROUTES.mine })}>
        我的岗位和服务记录
      </AtButton>
    </>
  )
}

/** 岗位与责任区: the community's posts and zones to claim (认岗位), and — for staff — 设岗定责. */
export default function ListPage() {
  return (
    <Page>
      <IdentityGate>{(me) => <ListScreen key={me.openid} me={me} />}</IdentityGate>
    </Page>
  )
}
