import Page from '@/components/Page'
import { OVERDUE_MOVES } from '@/domain/dispatch'
import { usePageParams } from '@/hooks/usePageParams'
import DetailScreen from '@/packages/dispatch/components/DetailScreen'
import '../components/dispatch.scss'

/** 诉求详情 (?id=, and &act= for a card's 催办, 改派, 申请延期 or 吹哨: that step's form opens). */
export default function DemandDetailPage() {
  const { id = '', act = '' } = usePageParams()
  const start = OVERDUE_MOVES.find((e) => e === act)
  return (
    <Page>
      <DetailScreen id={id} act={start} />
    </Page>
  )
}
