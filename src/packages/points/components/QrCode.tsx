import { Image } from '@tarojs/components'
import qrcode from 'qrcode-generator'
import { useMemo } from 'react'

/**
 * The code as a QR code, for the other person to scan in WeChat (CodeEntry reads it with
 * Taro.scanCode). qrcode-generator draws a GIF as a base64 data URL with no DOM or canvas, which
 * both WeChat's <image> and H5 show. The code stays printed beside it for typing.
 */
export default function QrCode({ value, label }: { value: string; label: string }) {
  const src = useMemo(() => {
    const qr = qrcode(0, 'M') // the smallest version that holds the code, medium error correction
    qr.addData(value)
    qr.make()
    return qr.createDataURL(6, 2)
  }, [value])
  return <Image className='jl-code__qr' src={src} mode='aspectFit' ariaLabel={label} />
}
