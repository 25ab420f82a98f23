import type { WishListScope } from '@/types/wishes'

import IdentityGate from '@/components/IdentityGate'
import Page from '@/components/Page'
import Section from '@/components/Section'
import WishList from './WishList'

/** A page that is one of the caller's own lists (我的心愿, 我认领的), under its title. */
export default function ListPage({ scope, title, emptyTitle, emptyDescription }: { scope: WishListScope; title: string; emptyTitle: string; emptyDescription: string }) {
  return (
    <Page>
      <IdentityGate>
        {(me) => (
          <Section key={me.openid} title={title}>
            <WishList scope={scope} emptyTitle={emptyTitle} emptyDescription={emptyDescription} />
          </Section>
        )}
      </IdentityGate>
    </Page>
  )
}
