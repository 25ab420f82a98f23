import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { AtButton } from 'taro-ui'

import Page from '../../src/components/Page'
import { countIn } from '../../src/components/PagedList'
import PagedSection from '../../src/components/PagedSection'
import TextForm from '../../src/components/form/TextForm'
import { confirmStep } from '../../src/components/form/confirmStep'
import * as api from '../../src/services/api'
import { SessionProvider } from '../../src/store/session'
import { makeMe } from './fixtures'
import { answer, button, buttons, eachTestAs, formErrors as errors, MODAL_CANCEL, MODAL_OK, text, typeInto, waitFor } from './helpers'

jest.mock('../../src/services/api', () => {
  const actual = jest.requireActual('../../src/services/api')
  return { ...actual, call: jest.fn(), listDevUsers: jest.fn() }
})

const member = makeMe({ openid: 'demo-member-zhang', name: '张伟' })
const utils = eachTestAs(member.openid)

const mount = (node: () => JSX.Element) => {
  answer({ 'org.me': () => member })
  return utils().mount(() => (
    <SessionProvider>
      <Page>{node()}</Page>
    </SessionProvider>
  ))
}

type Row = { _id: string; name: string }
const rows = (from: number, n: number): Row[] => Array.from({ length: n }, (_x, i) => ({ _id: `r-${from + i}`, name: `第${from + i}项` }))

describe('PagedSection', () => {
  it('draws the title, what stands above the list, the items page by page and the count', async () => {
    const fetchPage = jest.fn((page: number) => Promise.resolve(page === 1 ? { items: rows(1, 2), hasMore: true } : { items: rows(3, 1), hasMore: false }))
    await mount(() => (
      <PagedSection title='今年的承诺' listKey='k' fetchPage={fetchPage} idOf={(r: Row) => r._id} emptyTitle='今年还没有承诺' count={countIn('项')} render={(r: Row) => <Text className='jl-row'>{r.name}</Text>}>
        <AtButton className='jl-button'>去认领</AtButton>
      </PagedSection>
    ))
    await utils().queries.waitForQuerySelector('.jl-row')
    expect(text(document.querySelector('.jl-section__title'))).toBe('今年的承诺')
    // What the section holds above the list comes first, inside the same section.
    const section = document.querySelector('.jl-section') as Element
    expect(section.querySelector('.jl-paged')).not.toBeNull()
    expect(text(section).indexOf('去认领')).toBeLessThan(text(section).indexOf('第1项'))
    expect([...document.querySelectorAll('.jl-row')].map(text)).toEqual(['第1项', '第2项'])
    expect(text(document.querySelector('.jl-paged__count'))).toBe('已显示 2 项')

    utils().fireEvent.click(button('加载更多'))
    await waitFor(() => expect(document.querySelectorAll('.jl-row').length).toBe(3))
    expect(fetchPage).toHaveBeenLastCalledWith(2)
    expect(text(document.querySelector('.jl-paged__count'))).toBe('共 3 项')
    expect(buttons()).not.toContain('加载更多')
  })

  it('shows the empty state under the title, and a failed read with 重试', async () => {
    const fetchPage = jest.fn().mockRejectedValueOnce(new api.ApiCallError('INTERNAL', '服务暂时不可用')).mockResolvedValue({ items: [], hasMore: false })
    await mount(() => <PagedSection title='待验收的服务记录' listKey='k' fetchPage={fetchPage} idOf={(r: Row) => r._id} emptyTitle='没有待验收的服务记录' emptyDescription='党员登记后会在这里。' render={(r: Row) => <Text>{r.name}</Text>} />)
    await waitFor(() => expect(text(document.body)).toContain('服务暂时不可用'))
    expect(text(document.querySelector('.jl-section__title'))).toBe('待验收的服务记录')
    utils().fireEvent.click(button('重试'))
    await waitFor(() => expect(text(document.body)).toContain('没有待验收的服务记录'))
    expect(text(document.body)).toContain('党员登记后会在这里。')
    expect(fetchPage).toHaveBeenCalledTimes(2)
  })
})

describe('TextForm', () => {
  const form = (send: (t: string) => Promise<unknown>, onSent = jest.fn()) => (
    <TextForm
      title='写一句留言'
      button='留言'
      label='留言内容'
      required='请写下留言'
      ask={(t) => confirmStep('留言', `留言「${t}」？`, '留言')}
      send={send}
      onSent={onSent}
      done='已留言'
      max={50}
      placeholder='写点什么'
      after={(busy) => (
        <AtButton className='jl-button' disabled={busy}>
          取消
        </AtButton>
      )}
    />
  )

  it('asks for the text, sends the trimmed text only once confirmed, then empties the field and says so', async () => {
    const send = jest.fn((t: string) => Promise.resolve({ _id: 'p-1', text: t }))
    const onSent = jest.fn()
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValueOnce(MODAL_CANCEL).mockResolvedValue(MODAL_OK)
    await mount(() => form(send, onSent))
    await utils().queries.waitForQuerySelector('textarea')
    expect(text(document.querySelector('.jl-section__title'))).toBe('写一句留言')
    expect(buttons()).toEqual(['留言', '取消'])

    utils().fireEvent.click(button('留言'))
    await waitFor(() => expect(errors()).toEqual(['请写下留言']))
    expect(modal).not.toHaveBeenCalled()

    await typeInto('textarea', '  每月清扫楼道  ')
    utils().fireEvent.click(button('留言'))
    await waitFor(() => expect(modal).toHaveBeenCalledTimes(1))
    expect(modal.mock.calls[0][0]?.content).toBe('留言「每月清扫楼道」？')
    expect(send).not.toHaveBeenCalled()

    utils().fireEvent.click(button('留言'))
    await waitFor(() => expect(onSent).toHaveBeenCalledWith({ _id: 'p-1', text: '每月清扫楼道' }))
    expect(send).toHaveBeenCalledTimes(1)
    expect(send).toHaveBeenCalledWith('每月清扫楼道')
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '已留言', icon: 'none' })
    await waitFor(() => expect((document.querySelector('textarea') as HTMLTextAreaElement).value).toBe(''))
    expect(errors()).toEqual([])
  })

  it('shows the server’s refusal and keeps the text', async () => {
    const send = jest.fn(() => Promise.reject(new api.ApiCallError('INVALID_INPUT', '留言太频繁')))
    const onSent = jest.fn()
    jest.spyOn(Taro, 'showModal').mockResolvedValue(MODAL_OK)
    await mount(() => form(send, onSent))
    await typeInto('textarea', '每月清扫楼道')
    utils().fireEvent.click(button('留言'))
    await waitFor(() => expect(errors()).toEqual(['留言太频繁']))
    expect(onSent).not.toHaveBeenCalled()
    expect(Taro.showToast).not.toHaveBeenCalled()
    expect((document.querySelector('textarea') as HTMLTextAreaElement).value).toBe('每月清扫楼道')
  })
})
