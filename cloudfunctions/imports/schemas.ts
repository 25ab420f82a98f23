/** One strict schema per action of `imports`. */
import * as z from 'zod';
import { fileId, id } from '../lib/validate';
import { MAX_WORKBOOK_BYTES } from './workbook';

export const templateInput = z.strictObject({});

/** base64 is 4/3 of the bytes. */
export const uploadInput = z.strictObject({ base64: z.string().min(8).max(Math.ceil((MAX_WORKBOOK_BYTES * 4) / 3) + 4) });

/** Only files under imports/ (what upload writes, or the app's own upload in WeChat). */
export const dryRunInput = z.strictObject({ fileId: fileId().regex(/^cloud:\/\/[\w.-]+\/imports\/[\w-]+\/[\w-]+\.xlsx$/, '请先上传工作簿（.xlsx）') });

export const byImport = z.strictObject({ importId: id() });
