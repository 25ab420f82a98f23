
import Page from '@/components/Page'
import CompleteForm from '@/packages/dispatch/components/CompleteForm'
import FormGate from '@/packages/dispatch/components/FormGate'
import { usePageParams } from '@/hooks/usePageParams'
import '../components/dispatch.scss'

/** 办结 (?id=): a claimant reports their part; staff finish a demand the community handled. */
export default function CompleteFormPage() {
  const { id = '' } = usePageParams()
  return (
    <Page>
      <FormGate id={id} event='complete'>
        {(d) => <CompleteForm d={d} />}
      </FormGate>
    </Page>
  )
}
