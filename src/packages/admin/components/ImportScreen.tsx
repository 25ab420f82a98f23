import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { AtButton } from 'taro-ui'

import type { ImportProgress, ImportReport } from '@/types/imports'

import Row from '@/components/Row'
import Section from '@/components/Section'
import FormError from '@/components/States/FormError'
import { useAction } from '@/hooks/useAction'
import { call, openFile, uploadWorkbook } from '@/services/api'
import { chooseWorkbook } from './chooseWorkbook'
import { countsText, SHEET_ORDER, SHEET_TITLE } from './importWords'
import { ADMIN_CHANGED } from './scope'

/** How long to wait before asking again while another call holds the import. */
const BUSY_WAIT_MS = 1500

function Report({ report }: { report: ImportReport }) {
  return (
    <Section title='预检结果'>
      {SHEET_ORDER.map((s) => (
        <Row key={s} label={SHEET_TITLE[s]}>
          {report.planned[s].rows ? countsText(report.planned[s]) : '无数据'}
        </Row>
      ))}
      <Row label='可导入'>{report.total} 行</Row>
      {report.badRows.length ? (
        <View className='jl-import-bad'>
          <Text className='jl-section__title'>有问题的行（不会导入）</Text>
          {report.badRows.map((b) => (
            <Text key={`${b.sheet}-${b.row}-${b.column}`} className='jl-admin-bad'>
              {SHEET_TITLE[b.sheet]} 第 {b.row} 行{b.column ? ` 「${b.column}」` : ''}：{b.reason}
            </Text>
          ))}
          {report.badRowsOmitted ? <Text className='jl-admin-bad'>另有 {report.badRowsOmitted} 行有问题未列出</Text> : null}
        </View>
      ) : (
        <Text className='jl-form__lead'>没有发现问题。</Text>
      )}
    </Section>
  )
}

/** The workbook import: 下载模板 → 选择文件 (预检) → 导入, polling apply until it is finished. */
export default function ImportScreen({ openid }: { openid: string }) {
  const { busy, error, run } = useAction()
  const [file, setFile] = useState('')
  const [report, setReport] = useState<ImportReport | null>(null)
  const [progress, setProgress] = useState<ImportProgress | null>(null)
  const live = useRef(true)
  useEffect(
    () => () => {
      live.current = false
    },
    [],
  )

  const template = () => void run(async () => openFile((await call('imports', 'template', {})).url, 'xlsx'))

  const check = async () => {
    const chosen = await chooseWorkbook()
    if (!chosen) return
    setFile(chosen.name)
    setReport(null)
    setProgress(null)
    const found = await run(async () => {
      const fileId = await uploadWorkbook('base64' in chosen ? { base64: chosen.base64 } : { filePath: chosen.filePath, openid })
      return call('imports', 'dryRun', { fileId })
    })
    if (found && live.current) setReport(found)
  }

  const apply = async (importId: string) => {
    await run(async () => {
      for (;;) {
        const p = await call('imports', 'apply', { importId })
        if (!live.current) return
        setProgress(p)
        if (p.finished) break
        // Another call holds the job: ask again shortly rather than stacking calls.
        if (p.busy) await new Promise((r) => setTimeout(r, BUSY_WAIT_MS))
      }
      Taro.eventCenter.trigger(ADMIN_CHANGED)
    })
  }

  const applying = !!progress && !progress.finished
  return (
    <>
      <Section title='1. 下载模板'>
        <Text className='jl-form__lead'>模板里有说明和每张表的示例行。按模板填好全县的地区与住户、单位与结对、人员与角色、重点户。</Text>
        <AtButton className='jl-button' disabled={busy} onClick={template}>
          下载模板
        </AtButton>
      </Section>
      <Section title='2. 选择填好的文件（预检）'>
        <Text className='jl-form__lead'>系统逐行检查，列出将新建、修改、不变的数量和每一个有问题的行；预检不写入任何数据。</Text>
        {file ? <Row label='文件'>{file}</Row> : null}
        <AtButton className='jl-button' type={report ? undefined : 'primary'} loading={busy && !report && !progress} disabled={busy} onClick={() => void check()}>
          {report ? '重新选择文件' : '选择文件'}
        </AtButton>
      </Section>
      {report ? <Report report={report} /> : null}
      {report ? (
        <Section title='3. 导入'>
          {progress ? (
            <View role='status' ariaRole='status'>
              <Text className='jl-form__lead'>{progress.finished ? `导入完成：共 ${progress.total} 行` : `正在导入：${progress.done}/${progress.total}`}</Text>
              {progress.finished
                ? SHEET_ORDER.map((s) => (
                    <Row key={s} label={SHEET_TITLE[s]}>
                      {countsText(progress.applied[s])}
                    </Row>
                  ))
                : null}
              {progress.failures.map((b) => (
                <Text key={`${b.sheet}-${b.row}`} className='jl-admin-bad'>
                  {SHEET_TITLE[b.sheet]} 第 {b.row} 行：{b.reason}
                </Text>
              ))}
            </View>
          ) : (
            <Text className='jl-form__lead'>{report.badRows.length ? '有问题的行不会导入。可以先改好文件重新预检，也可以只导入没有问题的行。' : '确认无误后导入。'}</Text>
          )}
          {progress?.finished ? null : (
            <AtButton className='jl-button' type='primary' loading={applying} disabled={busy || report.total === 0} onClick={() => void apply(report.importId)}>
              导入
            </AtButton>
          )}
        </Section>
      ) : null}
      <FormError message={error} />
    </>
  )
}
