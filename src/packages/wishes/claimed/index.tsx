import ListPage from '../components/ListPage'
import '../components/wishes.scss'

/** 我认领的: the wishes the caller claimed (or, as a liaison, assigned) — who, where, the phone, 登记已送达. */
export default function ClaimedPage() {
  return <ListPage scope='claimed' title='我认领的心愿' emptyTitle='您还没有认领心愿' emptyDescription='在心愿墙上选一个心愿认领，送达后拍照登记。' />
}
