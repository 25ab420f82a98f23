import { Image, View } from '@tarojs/components'
import Taro from '@tarojs/taro'

import { tappable } from '@/utils/a11y'

/**
 * Thumbnails of a set of photos (a demand's, a visit's, a wish's); a tap shows the whole set large.
 * `what` names the set for a screen reader: 「查看送达照片第 1 张」.
 */
export default function Photos({ urls, what = '照片' }: { urls: string[]; what?: string }) {
  const shown = urls.filter(Boolean)
  if (!shown.length) return null
  return (
    <View className='jl-photos'>
      {shown.map((url, i) => (
        <View key={url} className='jl-photos__item' {...tappable(`查看${what}第 ${i + 1} 张`)} onClick={() => void Taro.previewImage({ urls: shown, current: url })}>
          <Thumb src={url} label={`${what}第 ${i + 1} 张`} />
        </View>
      ))}
    </View>
  )
}

/**
 * One square photo with its name. In H5 Taro renders an <img> inside a web component and passes
 * `ariaLabel` only to the host, so the alt goes through `nativeProps`; the mini-program reads `ariaLabel`.
 */
export function Thumb({ src, label }: { src: string; label: string }) {
  return <Image className='jl-photos__image' src={src} mode='aspectFill' ariaLabel={label} nativeProps={{ alt: label }} />
}
