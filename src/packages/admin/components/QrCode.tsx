import { Image } from '@tarojs/components'
import qrcode from 'qrcode-generator'
import { useMemo } from 'react'

/**
 * A QR code drawn by qrcode-generator as a GIF data URL (no DOM or canvas), which WeChat's
 * <image> and H5 both show: an invitation's or a building's page and scene.
 */
export default function QrCode({ value, label }: { value: string; label: string }) {
  const src = useMemo(() => {
    const qr = qrcode(0, 'M')
    qr.addData(value)
    qr.make()
    return qr.createDataURL(6, 2)
  }, [value])
  return <Image className='jl-code__qr' src={src} mode='aspectFit' ariaLabel={label} />
}

/** What a scanned code opens: the page with its scene, as wxacode.getUnlimited would carry it. */
export const pageLink = (page: string, scene: string) => `/${page.replace(/^\//, '')}?scene=${encodeURIComponent(scene)}`
