import Taro from '@tarojs/taro'
import { useState } from 'react'

/** The `?id=` (and other params) of this page, read once: a page under another must keep its own. */
export function usePageParams(): Record<string, string> {
  const [params] = useState(() => {
    const raw = Taro.getCurrentInstance().router?.params ?? {}
    return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, String(v ?? '')]))
  })
  return params
}
