import { Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'

import type { PersonResult } from '@/types/admin'
import type { Me } from '@/types/domain'
import type { DutyRecord } from '@/types/posts'

import IdentityGate from '@/components/IdentityGate'
import Page from '@/components/Page'
import { countIn } from '@/components/PagedList'
import PagedSection from '@/components/PagedSection'
import Section from '@/components/Section'
import { EmptyState } from '@/components/States'
import TextForm from '@/components/form/TextForm'
import { confirmStep } from '@/components/form/confirmStep'
import { POSTS_CHANGED, staffCommunityOf } from '@/domain/posts'
import { call } from '@/services/api'
import '../components/posts.scss'

/** 选择党员: the community's members found by name or whole phone number. */
function PickMember({ communityId, onPick }: { communityId: string; onPick: (p: PersonResult) => void }) {
  const [typed, setTyped] = useState('')
  const [q, setQ] = useState('')
  return (
    <PagedSection
      title='选择党员'
      listKey={`problem-people:${q}`}
      fetchPage={(page) => call('org', 'searchPeople', { communityId, role: 'member', ...(q ? { q } : {}), page, pageSize: 10 })}
      idOf={(p) => p.openid}
      loadingText='正在查找…'
      emptyTitle={q ? `本社区没有找到党员「${q}」` : '本社区还没有在职党员'}
      emptyDescription='只能为住在本社区的在职党员登记。'
      count={countIn('人')}
      render={(p) => (
        <View key={p.openid} className='jl-card jl-problem-person'>
          <Text className='jl-card__title'>{`${p.name} ${p.phone}`}</Text>
          <AtButton className='jl-button' size='small' onClick={() => onPick(p)}>
            选择
          </AtButton>
        </View>
      )}
    >
      <View className='jl-field'>
        <Input className='jl-input' value={typed} maxlength={20} placeholder='姓名或完整手机号' ariaLabel='姓名或手机号' confirmType='search' onInput={(e) => setTyped(e.detail.value)} onConfirm={() => setQ(typed.trim())} />
      </View>
      <AtButton className='jl-button' type='primary' onClick={() => setQ(typed.trim())}>
        查找
      </AtButton>
    </PagedSection>
  )
}

/** 登记协助解决难题: a note for the chosen member, sent after asking. */
function ProblemForm({ person, onBack }: { person: PersonResult; onBack: () => void }) {
  const [done, setDone] = useState<DutyRecord | null>(null)
  if (done) {
    return (
      <Section title='已登记'>
        <View className='jl-card'>
          <Text className='jl-card__title'>{`${done.name} 协助解决难题 1 件（${done.year} 年）`}</Text>
          <Text className='jl-card__text'>{done.note}</Text>
        </View>
        <AtButton className='jl-button' onClick={onBack}>
          再登记一件
        </AtButton>
      </Section>
    )
  }
  return (
    <TextForm
      title={`为 ${person.name} 登记难题`}
      label='难题和解决情况'
      max={300}
      placeholder='例如：协调物业修好了3号楼漏水的水管'
      required='请写明协助解决了什么难题'
      ask={() => confirmStep('登记难题', `登记 ${person.name} 协助解决难题 1 件，计入其年度任务？`, '登记')}
      send={(note) => call('posts', 'recordProblem', { openid: person.openid, note })}
      onSent={(record) => {
        setDone(record)
        Taro.eventCenter.trigger(POSTS_CHANGED)
      }}
      done='已登记'
      button='登记难题'
      after={(busy) => (
        <AtButton className='jl-button' disabled={busy} onClick={onBack}>
          换一位党员
        </AtButton>
      )}
    />
  )
}

function ProblemScreen({ me }: { me: Me }) {
  const [person, setPerson] = useState<PersonResult | null>(null)
  const communityId = staffCommunityOf(me)
  if (!communityId) return <EmptyState title='只有社区工作人员可以登记协助解决难题' />
  if (person) return <ProblemForm key={person.openid} person={person} onBack={() => setPerson(null)} />
  return <PickMember communityId={communityId} onPick={setPerson} />
}

/** 登记协助解决难题 (community staff): a member living here helped solve a 难题 — one towards the yearly duty. */
export default function ProblemPage() {
  return (
    <Page>
      <IdentityGate>{(me) => <ProblemScreen key={me.openid} me={me} />}</IdentityGate>
    </Page>
  )
}
