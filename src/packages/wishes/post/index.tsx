import IdentityGate from '@/components/IdentityGate'
import Page from '@/components/Page'
import WishForm from '../components/WishForm'
import '../components/wishes.scss'

/** 我有一个心愿: a resident posts their own wish; staff post one for a resident. */
export default function PostPage() {
  return (
    <Page>
      <IdentityGate>{(me) => <WishForm key={me.openid} me={me} />}</IdentityGate>
    </Page>
  )
}
