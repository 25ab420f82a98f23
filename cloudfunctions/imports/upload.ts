/** imports.upload: the workbook's bytes from H5, checked (size, xlsx signature) and stored. */
import { refuse } from '../lib/errors';
import { newId } from '../lib/ids';
import type { Handlers } from '../lib/router';
import { upload as store } from '../lib/storage';
import { requireAdmin } from './access';
import { uploadInput } from './schemas';
import { checkWorkbookBytes } from './workbook';

type H = Handlers<'imports'>;

export const upload: H['upload'] = {
  input: uploadInput,
  async run({ base64 }, ctx) {
    requireAdmin(ctx.actor);
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) throw refuse.invalid('文件数据不是有效的 base64');
    const bytes = Buffer.from(base64, 'base64');
    checkWorkbookBytes(bytes);
    const fileID = await store(`imports/${ctx.openid}/${newId()}.xlsx`, bytes);
    return { fileID };
  },
};
