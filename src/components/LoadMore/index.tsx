import { AtButton } from 'taro-ui'

import FormError from '@/components/States/FormError'
import 'taro-ui/lib/style/components/button.scss'

/**
 * The foot of a paged list: the error of the last 加载更多 (if any) and the button while there is
 * more. An explicit button rather than 上拉加载: easier for elderly users to find and to tap.
 */
export default function LoadMore({ hasMore, loading, error, onMore }: { hasMore: boolean; loading: boolean; error?: string; onMore: () => void }) {
  return (
    <>
      <FormError message={error} />
      {hasMore ? (
        <AtButton className='jl-button' loading={loading} disabled={loading} onClick={onMore}>
          {loading ? '正在加载…' : '加载更多'}
        </AtButton>
      ) : null}
    </>
  )
}
