import { View } from '@tarojs/components'
import { useEffect, type ReactNode } from 'react'

import { useSession } from '@/store/session'
import { cx } from '@/utils/cx'
import './index.scss'

/**
 * The theme of the current page: `jl-theme` always, plus `jl-theme--elder` in 长辈模式.
 * Pages never carry sizes of their own; they read the tokens this class defines.
 */
export function usePageTheme() {
  const { elderMode } = useSession()
  return { elderMode, pageClass: cx('jl-theme', 'jl-page', elderMode && 'jl-theme--elder') }
}

/** The root of every page: applies the theme so that all pages switch together. */
export default function Page({ children, className }: { children?: ReactNode; className?: string }) {
  const { pageClass, elderMode } = usePageTheme()
  return (
    <View className={cx(pageClass, className)} data-elder={elderMode ? '1' : '0'}>
      {children}
    </View>
  )
}

/**
 * H5 only: the same theme classes on <html>, so that what Taro draws outside the pages — the tab
 * bar and the title bar — reads the tokens too (styles/taro-h5-tokens.scss). weapp's tab bar is native and follows
 * WeChat's own font setting. Rendered once, in the app shell.
 */
export function DocumentTheme() {
  const { elderMode } = useSession()
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return
    const html = document.documentElement.classList
    html.add('jl-theme')
    html.toggle('jl-theme--elder', elderMode)
    nameTitleBarButtons()
  }, [elderMode])
  return null
}

/**
 * H5 only: Taro's title bar draws its back and home buttons as bare icons; give them a role and a
 * name, so that a screen reader (and the elder measurement) knows what they are.
 */
function nameTitleBarButtons() {
  const bar = document.getElementById('taro-navigation-bar')
  const name = (cls: string, label: string) => {
    const el = bar?.getElementsByClassName(cls)[0]
    if (!el) return
    el.setAttribute('role', 'button')
    el.setAttribute('aria-label', label)
  }
  name('taro-navigation-bar-back', '返回')
  name('taro-navigation-bar-home', '回到首页')
}
