import Page from '@/components/Page'
import AdminGate from '../components/AdminGate'
import ImportScreen from '../components/ImportScreen'
import '../components/admin.scss'

/** 导入: the admin's workbook import — template, upload, 预检 report, then 导入 with progress. */
export default function ImportPage() {
  return (
    <Page>
      <AdminGate adminOnly>{(me) => <ImportScreen key={me.openid} openid={me.openid} />}</AdminGate>
    </Page>
  )
}
