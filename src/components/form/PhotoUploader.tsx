import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'

import { base64Bytes, MAX_PHOTO_BYTES, MAX_PHOTOS, photoTypeOf } from '@/domain/photos'
import { isApiCallError, uploadPhoto } from '@/services/api'
import { tappable } from '@/utils/a11y'
import { Thumb } from '@/components/Photos'
import FormError from '@/components/States/FormError'
import { messageOf } from '@/hooks/useLoad'
import { readBase64 } from './readPhoto'

export interface Photo {
  fileID: string
  /** What to show: the local file just chosen. */
  preview: string
}

const TOO_BIG = '照片不能超过 1 MB，请换一张或在手机上压缩后再传'
/** Above this, a failed upload is most likely the request size (base64 adds a third). */
const LARGE_PHOTO_BYTES = 512 * 1024

/**
 * Optional photos (at most 3): chosen with Taro.chooseImage, checked for size and type here, and
 * uploaded one by one through `dispatch.uploadPhoto`. Thumbnails with a 删除 button each.
 */
export default function PhotoUploader({
  value,
  onChange,
  onBusy,
  max = MAX_PHOTOS,
  label = '照片',
}: {
  value: Photo[]
  onChange: (next: Photo[]) => void
  onBusy?: (busy: boolean) => void
  max?: number
  label?: string
}) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')

  const busyNow = (b: boolean) => {
    setBusy(b)
    onBusy?.(b)
  }

  const add = async () => {
    if (busy || value.length >= max) return
    setError('')
    let chosen: { path: string; size: number }[]
    try {
      const res = await Taro.chooseImage({ count: max - value.length, sizeType: ['compressed'], sourceType: ['album', 'camera'] })
      chosen = res.tempFiles.map((f) => ({ path: f.path, size: f.size }))
    } catch {
      return // cancelled
    }
    busyNow(true)
    const added: Photo[] = []
    const problems: string[] = []
    for (const f of chosen.slice(0, max - value.length)) {
      try {
        if (f.size > MAX_PHOTO_BYTES) {
          problems.push(TOO_BIG)
          continue
        }
        const base64 = await readBase64(f.path)
        const contentType = photoTypeOf(base64)
        if (!contentType) {
          problems.push('只能上传 JPG、PNG 或 WebP 格式的照片')
          continue
        }
        if (base64Bytes(base64) > MAX_PHOTO_BYTES) {
          problems.push(TOO_BIG)
          continue
        }
        try {
          const up = await uploadPhoto(f.path, contentType, base64)
          added.push({ fileID: up.fileID, preview: f.path })
        } catch (e) {
          // A large photo can exceed what the transport carries: say so rather than "网络异常".
          const big = isApiCallError(e) && e.code === 'NETWORK' && base64Bytes(base64) > LARGE_PHOTO_BYTES
          problems.push(big ? '照片较大，没有传上去，请换一张小一点的照片再试' : `照片上传失败：${messageOf(e)}`)
        }
      } catch {
        problems.push('读不出这张照片，请换一张再试')
      }
    }
    if (added.length) onChange([...value, ...added])
    setError([...new Set(problems)].join('；'))
    busyNow(false)
  }

  const remove = (fileID: string) => onChange(value.filter((p) => p.fileID !== fileID))

  return (
    <View className='jl-field'>
      <Text className='jl-field__label'>
        {label}
        <Text className='jl-field__optional'>
          （可不传，最多 {max} 张，每张不超过 1 MB）
        </Text>
      </Text>
      <View className='jl-photos'>
        {value.map((p, i) => (
          <View key={p.fileID} className='jl-photos__item'>
            <Thumb src={p.preview} label={`第 ${i + 1} 张照片`} />
            <View className='jl-photos__remove' {...tappable(`删除第 ${i + 1} 张照片`)} onClick={() => remove(p.fileID)}>
              <Text>删除</Text>
            </View>
          </View>
        ))}
        {value.length < max ? (
          <View className='jl-photos__add' {...tappable(busy ? '照片正在上传' : '添加照片')} onClick={() => void add()}>
            <Text className='jl-photos__plus'>{busy ? '…' : '＋'}</Text>
            <Text>{busy ? '正在上传' : '添加照片'}</Text>
          </View>
        ) : null}
      </View>
      <FormError message={error} />
    </View>
  )
}
