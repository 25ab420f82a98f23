/** dispatch: a photo of a demand or of the work done, uploaded to the caller's own folder. */
import { refuse } from '../lib/errors';
import { newId } from '../lib/ids';
import { holdPhoto } from '../lib/photo-checks';
import { fetchPhoto } from './photo-source';
import type { Handlers } from '../lib/router';
import { tempUrls, upload } from '../lib/storage';
import { uploadPhotoInput } from './schemas';

const SIGNATURES: Record<string, (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/webp': (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
};
const EXT: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };
const MAX_PHOTO = 1024 * 1024;

export const uploadPhoto: Handlers<'dispatch'>['uploadPhoto'] = {
  input: uploadPhotoInput,
  async run({ contentType, base64, cdn }, ctx) {
    const bytes = cdn !== undefined ? await fetchPhoto(cdn, MAX_PHOTO) : decodeBase64(base64!);
    if (bytes.length > MAX_PHOTO) throw refuse.invalid('照片不能超过 1 MB，请压缩后再传');
    // The bytes must be what they claim: the declared type is checked against the file's signature.
    if (!SIGNATURES[contentType](bytes)) throw refuse.invalid('只支持 JPG、PNG、WebP 格式的照片');
    // Under demands/<openid>/, so that only the uploader may attach it (lib/storage ownsPhoto).
    const fileID = await upload(`demands/${ctx.openid}/${newId()}.${EXT[contentType]}`, bytes);
    const url = (await tempUrls([fileID])).get(fileID) ?? '';
    // Usable at once; removed if WeChat's image check refuses it (lib/photo-checks.ts).
    await holdPhoto(fileID, url, ctx.openid, ctx.now);
    return { fileID, url };
  },
};

function decodeBase64(base64: string): Buffer {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) throw refuse.invalid('照片数据不是有效的 base64');
  return Buffer.from(base64, 'base64');
}
