import IdentityGate from '@/components/IdentityGate'
import { LedgerRow } from '@/components/LedgerList'
import Page from '@/components/Page'
import Section from '@/components/Section'
import { call } from '@/services/api'
import PagedList, { PAGE_SIZE } from '@/components/PagedList'
import '../components/points.scss'

/** 积分明细: the caller's whole ledger, newest first, page by page; every entry with its source. */
export default function LedgerPage() {
  return (
    <Page>
      <IdentityGate>
        {(me) => (
          <Section title='积分明细'>
            <PagedList
              listKey={`ledger:${me.openid}`}
              fetchPage={(page) => call('points', 'ledger', { page, pageSize: PAGE_SIZE })}
              idOf={(e) => e._id}
              emptyTitle='暂无积分明细'
              emptyDescription='经验收的服务时长、志愿活动、双报到、奖励和兑换都会一条一条记在这里，记下后不会被修改。'
              render={(e) => <LedgerRow entry={e} />}
            />
          </Section>
        )}
      </IdentityGate>
    </Page>
  )
}
