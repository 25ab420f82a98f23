/** imports.template: the template workbook, written to storage and handed out as a temporary URL. */
import { SHEETS } from '../core/import-sheets';
import type { Handlers } from '../lib/router';
import { tempUrls, upload } from '../lib/storage';
import { requireAdmin } from './access';
import { templateInput } from './schemas';
import { writeWorkbook } from './workbook';

type H = Handlers<'imports'>;

/** Written once per content: the same path each time, so storage keeps one copy. */
const TEMPLATE_PATH = 'imports/template/jinlin-import-template.xlsx';

export const template: H['template'] = {
  input: templateInput,
  async run(_input, ctx) {
    requireAdmin(ctx.actor);
    const bytes = await writeWorkbook(Object.fromEntries(SHEETS.map((s) => [s.sheet, [s.example]])));
    const fileID = await upload(TEMPLATE_PATH, bytes);
    return { fileID, url: (await tempUrls([fileID])).get(fileID) ?? '' };
  },
};
