
import Page from '@/components/Page'
import DetailScreen from '@/packages/dispatch/components/DetailScreen'
import { usePageParams } from '@/hooks/usePageParams'
import '../components/dispatch.scss'

/** 诉求详情 (?id=). */
export default function DemandDetailPage() {
  const { id = '' } = usePageParams()
  return (
    <Page>
      <DetailScreen id={id} />
    </Page>
  )
}
