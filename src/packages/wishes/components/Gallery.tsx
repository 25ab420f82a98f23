import { Image, View } from '@tarojs/components'
import Taro from '@tarojs/taro'

import { tappable } from '@/utils/a11y'

/** A wish's photos (or its delivery's): thumbnails, each opening the whole set large. */
export default function Gallery({ photos, what }: { photos: { fileID: string; url: string }[]; what: string }) {
  const urls = photos.map((p) => p.url).filter(Boolean)
  if (!urls.length) return null
  return (
    <View className='jl-photos'>
      {urls.map((url, i) => (
        <View key={url} className='jl-photos__item' {...tappable(`查看${what}第 ${i + 1} 张`)} onClick={() => void Taro.previewImage({ urls, current: url })}>
          {/* The tap target carries the name; H5's <img> takes no alt from Taro, so it is hidden from the reader. */}
          <View {...({ 'aria-hidden': 'true' } as Record<string, string>)}>
            <Image className='jl-photos__image' src={url} mode='aspectFill' />
          </View>
        </View>
      ))}
    </View>
  )
}
