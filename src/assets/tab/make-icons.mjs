// Draws the tab-bar icons (81×81 PNG, two colours) without any image tool:
// shapes are tested per pixel with 4×4 supersampling and written with zlib.
// Run: node src/assets/tab/make-icons.mjs   (outputs sit beside this file and are committed)
import { writeFileSync } from 'node:fs'
import { deflateSync } from 'node:zlib'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const SIZE = 81
const here = dirname(fileURLToPath(import.meta.url))
const COLORS = { normal: [0x4e, 0x55, 0x60], active: [0xb7, 0x1c, 0x1c] }

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
const crc32 = (buf) => {
  let c = 0xffffffff
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
const chunk = (type, data) => {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(td))
  return Buffer.concat([len, td, crc])
}
function png(alpha, [r, g, b]) {
  const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE)
  for (let y = 0; y < SIZE; y++) {
    raw[y * (SIZE * 4 + 1)] = 0
    for (let x = 0; x < SIZE; x++) {
      const o = y * (SIZE * 4 + 1) + 1 + x * 4
      raw[o] = r; raw[o + 1] = g; raw[o + 2] = b; raw[o + 3] = Math.round(alpha[y * SIZE + x] * 255)
    }
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(SIZE, 0); ihdr.writeUInt32BE(SIZE, 4)
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0)),
  ])
}
function raster(inside) {
  const a = new Float32Array(SIZE * SIZE)
  for (let y = 0; y < SIZE; y++) for (let x = 0; x < SIZE; x++) {
    let hit = 0
    for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) if (inside(x + (sx + 0.5) / 4, y + (sy + 0.5) / 4)) hit++
    a[y * SIZE + x] = hit / 16
  }
  return a
}

// Shape helpers in a 0..81 coordinate space.
const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1
const roundRect = (x0, y0, x1, y1, r) => (x, y) => {
  if (!rect(x0, y0, x1, y1)(x, y)) return false
  const cx = Math.min(Math.max(x, x0 + r), x1 - r), cy = Math.min(Math.max(y, y0 + r), y1 - r)
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r
}
const ring = (cx, cy, r, w) => (x, y) => { const d = Math.hypot(x - cx, y - cy); return d <= r && d >= r - w }
const frame = (x0, y0, x1, y1, r, w) => (x, y) => roundRect(x0, y0, x1, y1, r)(x, y) && !roundRect(x0 + w, y0 + w, x1 - w, y1 - w, Math.max(r - w, 0))(x, y)
const polygon = (pts) => (x, y) => {
  let inside = false
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i], [xj, yj] = pts[j]
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}
const union = (...fs) => (x, y) => fs.some((f) => f(x, y))
const minus = (a, b) => (x, y) => a(x, y) && !b(x, y)

const star = (() => {
  const pts = []
  for (let i = 0; i < 10; i++) {
    const ang = -Math.PI / 2 + (i * Math.PI) / 5, r = i % 2 ? 15 : 34
    pts.push([40.5 + r * Math.cos(ang), 43 + r * Math.sin(ang)])
  }
  return pts
})()

const ICONS = {
  // 派单: a clipboard with lines.
  dispatch: union(frame(14, 12, 67, 74, 7, 6), roundRect(28, 6, 53, 18, 4), rect(25, 32, 56, 37), rect(25, 45, 56, 50), rect(25, 58, 46, 63)),
  // 积分: a star.
  points: minus(polygon(star), polygon(star.map(([x, y]) => [40.5 + (x - 40.5) * 0.55, 43 + (y - 43) * 0.55]))),
  // 敲门: a house with a door.
  visits: union(
    polygon([[40.5, 6], [76, 38], [69, 38], [40.5, 14], [12, 38], [5, 38]]),
    minus(frame(15, 34, 66, 74, 3, 6), rect(34, 50, 47, 75)),
    frame(32, 48, 49, 74, 2, 5),
  ),
  // 我的: a person.
  me: union(ring(40.5, 24, 16, 6), minus(ring(40.5, 78, 34, 6), rect(0, 74, 81, 81)), rect(6.5, 70, 13, 74), rect(68, 70, 74.5, 74)),
}

for (const [name, shape] of Object.entries(ICONS)) {
  const alpha = raster(shape)
  writeFileSync(join(here, `${name}.png`), png(alpha, COLORS.normal))
  writeFileSync(join(here, `${name}-active.png`), png(alpha, COLORS.active))
}
// The H5 build's favicon: the 敲门 house in the theme colour, as an ICO holding one PNG image
// (6-byte header, one 16-byte directory entry, then the PNG), which every current browser reads.
const house = png(raster(ICONS.visits), COLORS.active)
const ico = Buffer.alloc(22)
ico.writeUInt16LE(1, 2) // type: icon
ico.writeUInt16LE(1, 4) // one image
ico.writeUInt8(SIZE, 6)
ico.writeUInt8(SIZE, 7)
ico.writeUInt16LE(1, 10) // colour planes
ico.writeUInt16LE(32, 12) // bits per pixel
ico.writeUInt32LE(house.length, 14)
ico.writeUInt32LE(22, 18) // the image starts after header and directory
writeFileSync(join(here, '..', 'favicon.ico'), Buffer.concat([ico, house]))
console.log('tab icons and favicon.ico written to', here)
