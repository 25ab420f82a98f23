import { useState } from 'react'
import { AtButton } from 'taro-ui'

import IdentityGate from '@/components/IdentityGate'
import Page from '@/components/Page'
import Section from '@/components/Section'
import { call } from '@/services/api'
import AwardForm from '@/packages/points/components/AwardForm'
import PagedList, { PAGE_SIZE } from '@/components/PagedList'
import ReversibleRow from '@/packages/points/components/ReversibleRow'
import { usePageParams } from '@/hooks/usePageParams'
import '../components/points.scss'

/** One person's ledger as community staff see it (?openid=&name=): 奖励积分 and 更正冲销, each asked first. */
function PersonScreen({ openid, name }: { openid: string; name: string }) {
  const [awarding, setAwarding] = useState(false)
  const [version, setVersion] = useState(0)
  const changed = () => setVersion((v) => v + 1)
  return (
    <>
      <Section title={`${name}的积分`}>
        {awarding ? (
          <AwardForm
            openid={openid}
            name={name}
            onCancel={() => setAwarding(false)}
            onDone={() => {
              setAwarding(false)
              changed()
            }}
          />
        ) : (
          <AtButton className='jl-button' type='primary' onClick={() => setAwarding(true)}>
            奖励积分
          </AtButton>
        )}
      </Section>
      <Section title='积分明细'>
        <PagedList
          listKey={`ledger:${openid}`}
          version={version}
          fetchPage={(page) => call('points', 'ledger', { openid, page, pageSize: PAGE_SIZE })}
          idOf={(e) => e._id}
          emptyTitle='暂无积分明细'
          emptyDescription='这位居民还没有获得或使用过积分。'
          render={(e) => <ReversibleRow entry={e} onDone={changed} />}
        />
      </Section>
    </>
  )
}

/** A query value, decoded once (H5 hands it over encoded, WeChat may not); as is when it is not encoded. */
function param(value: string | undefined): string {
  try {
    return decodeURIComponent(value ?? '')
  } catch {
    return value ?? ''
  }
}

export default function PersonPage() {
  const params = usePageParams()
  const openid = param(params.openid)
  const name = param(params.name)
  return (
    <Page>
      <IdentityGate>{(me) => <PersonScreen key={me.openid} openid={openid} name={name || '居民'} />}</IdentityGate>
    </Page>
  )
}
