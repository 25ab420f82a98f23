import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { Me } from '@/types/domain'

import IdentityGate from '@/components/IdentityGate'
import Page from '@/components/Page'
import PagedList, { countIn, PAGE_SIZE } from '@/components/PagedList'
import Section from '@/components/Section'
import { EmptyState } from '@/components/States'
import FormError from '@/components/States/FormError'
import TextField from '@/components/form/TextField'
import { confirmStep } from '@/components/form/confirmStep'
import { isPostMember, POSTS_CHANGED } from '@/domain/posts'
import { useAction } from '@/hooks/useAction'
import { useChanged } from '@/hooks/useLoad'
import { call } from '@/services/api'
import PledgeCard from '../components/PledgeCard'
import '../components/posts.scss'

function PledgesScreen({ me }: { me: Me }) {
  const version = useChanged(POSTS_CHANGED)
  const [text, setText] = useState('')
  const { busy, error, setError, run } = useAction()
  if (!isPostMember(me)) return <EmptyState title='承诺、践诺、评诺由在职党员参加' description='居民可以在「党员承诺」里评价党员的践诺。' />
  const save = async () => {
    if (!text.trim()) return setError('请写下承诺的内容')
    if (!(await confirmStep('作出承诺', `今年承诺「${text.trim()}」？做到后登记践诺，由社区评诺、居民评价。`, '承诺'))) return
    if (!(await run(() => call('posts', 'pledge', { text: text.trim() })))) return
    setText('')
    Taro.eventCenter.trigger(POSTS_CHANGED)
    void Taro.showToast({ title: '已作出承诺', icon: 'none' })
  }
  return (
    <>
      <Section title='作出承诺'>
        <TextField label='承诺内容' value={text} onChange={setText} max={100} placeholder='例如：每月为独居老人代购一次药品' disabled={busy} />
        <FormError message={error} />
        <AtButton className='jl-button jl-submit' type='primary' loading={busy} disabled={busy} onClick={() => void save()}>
          作出承诺
        </AtButton>
      </Section>
      <Section title='今年的承诺'>
        <PagedList
          listKey='pledges:mine'
          version={version}
          fetchPage={(page) => call('posts', 'listPledges', { scope: 'mine', page, pageSize: PAGE_SIZE })}
          idOf={(p) => p._id}
          emptyTitle='今年还没有承诺'
          emptyDescription='写下今年要为群众做的实事，做到后登记践诺。'
          count={countIn('项')}
          render={(p) => <PledgeCard key={`${p._id}:${p.status}`} p={p} />}
        />
      </Section>
    </>
  )
}

/** 我的承诺: a member's yearly pledges (承诺), 登记践诺 with a photo, and the ratings (评诺). */
export default function PledgesPage() {
  return (
    <Page>
      <IdentityGate>{(me) => <PledgesScreen key={me.openid} me={me} />}</IdentityGate>
    </Page>
  )
}
