import Taro from '@tarojs/taro'

import type { Me } from '@/types/domain'

import IdentityGate from '@/components/IdentityGate'
import Page from '@/components/Page'
import { EmptyState } from '@/components/States'
import TextForm from '@/components/form/TextForm'
import { confirmStep } from '@/components/form/confirmStep'
import { isPostMember, POSTS_CHANGED } from '@/domain/posts'
import { call } from '@/services/api'
import { PledgeSection } from '../components/Lists'
import '../components/posts.scss'

function PledgesScreen({ me }: { me: Me }) {
  if (!isPostMember(me)) return <EmptyState title='承诺、践诺、评诺由在职党员参加' description='居民可以在「党员承诺」里评价党员的践诺。' />
  return (
    <>
      <TextForm
        title='作出承诺'
        label='承诺内容'
        max={100}
        placeholder='例如：每月为独居老人代购一次药品'
        required='请写下承诺的内容'
        ask={(text) => confirmStep('作出承诺', `今年承诺「${text}」？做到后登记践诺，由社区评诺、居民评价。`, '承诺')}
        send={(text) => call('posts', 'pledge', { text })}
        onSent={() => Taro.eventCenter.trigger(POSTS_CHANGED)}
        done='已作出承诺'
        button='作出承诺'
        buttonClassName='jl-button jl-submit'
      />
      <PledgeSection title='今年的承诺' emptyTitle='今年还没有承诺' emptyDescription='写下今年要为群众做的实事，做到后登记践诺。' />
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
