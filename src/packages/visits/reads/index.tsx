import IdentityGate from '../../../components/IdentityGate'
import Page from '../../../components/Page'
import ReadsScreen from '../components/ReadsScreen'
import '../components/visits.scss'

/** 敏感信息查阅记录 (the secretary's). */
export default function ReadsPage() {
  return (
    <Page>
      <IdentityGate>{(me) => <ReadsScreen key={me.openid} me={me} />}</IdentityGate>
    </Page>
  )
}
