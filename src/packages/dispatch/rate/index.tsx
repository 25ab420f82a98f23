
import Page from '@/components/Page'
import RateForm from '@/packages/dispatch/components/RateForm'
import FormGate from '@/packages/dispatch/components/FormGate'
import { usePageParams } from '@/hooks/usePageParams'
import '../components/dispatch.scss'

/** 评价 (?id=): the resident who asked rates the result. */
export default function RateFormPage() {
  const { id = '' } = usePageParams()
  return (
    <Page>
      <FormGate id={id} event='rate'>
        {(d) => <RateForm d={d} />}
      </FormGate>
    </Page>
  )
}
