
import Page from '@/components/Page'
import DispatchForm from '@/packages/dispatch/components/DispatchForm'
import FormGate from '@/packages/dispatch/components/FormGate'
import { usePageParams } from '@/hooks/usePageParams'
import '../components/dispatch.scss'

/** 派单 (?id=): staff send a demand to a paired unit. */
export default function DispatchFormPage() {
  const { id = '' } = usePageParams()
  return (
    <Page>
      <FormGate id={id} event='dispatch'>
        {(d) => <DispatchForm d={d} />}
      </FormGate>
    </Page>
  )
}
