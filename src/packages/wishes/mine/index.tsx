import ListPage from '../components/ListPage'
import '../components/wishes.scss'

/** 我的心愿: the wishes posted by the caller or for them — status, who claimed, 确认收到. */
export default function MinePage() {
  return <ListPage scope='mine' title='我的心愿' emptyTitle='您还没有发布过心愿' emptyDescription='在心愿墙点「我有一个心愿」，社区审核后会放上心愿墙。' />
}
