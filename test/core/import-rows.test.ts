/** Row validation of the import workbook as a table: sheet × cells → record, or column + reason. */
import { missingColumns, parseRow, type RawRow } from '../../cloudfunctions/core/import-rows';
import { keyId } from '../../cloudfunctions/core/import-plan';
import { SHEETS } from '../../cloudfunctions/core/import-sheets';
import type { ImportSheet } from '../../types/imports';

const row = (sheet: ImportSheet, cells: string[]): RawRow => {
  const headers = SHEETS.find((s) => s.sheet === sheet)!.columns.map((c) => c.header);
  return { row: 7, cells: Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? ''])) };
};
const example = (sheet: ImportSheet) => [...SHEETS.find((s) => s.sheet === sheet)!.example];
const withCell = (sheet: ImportSheet, header: string, value: string) => {
  const cells = example(sheet);
  cells[SHEETS.find((s) => s.sheet === sheet)!.columns.findIndex((c) => c.header === header)] = value;
  return row(sheet, cells);
};

describe('every template example row is good', () => {
  it.each(SHEETS.map((s) => [s.sheet]))('%s', (sheet) => {
    expect(parseRow(sheet as ImportSheet, row(sheet as ImportSheet, example(sheet as ImportSheet)))).toMatchObject({ ok: true, record: { sheet, row: 7 } });
  });
});

describe('refusals', () => {
  it.each([
    ['regions', '镇街', '', '镇街', /不能为空/],
    ['regions', '社区', '', '社区', /不能为空/],
    ['regions', '镇街代码', '35062210300', '镇街代码', /12 位数字/],
    ['regions', '镇街代码', '350622103001', '镇街代码', /以 000 结尾/],
    ['regions', '社区代码', '350622103000', '社区代码', /不以 000 结尾/],
    ['regions', '社区代码', '350622104001', '社区代码', /不属于镇街代码 350622103000/],
    ['regions', '小区', '', '小区', /写了楼栋/],
    ['regions', '房号', '一二三四五六七八九十一二三四五六七八九十一', '房号', /最多 20 个字/],
    ['units', '单位名称', '', '单位名称', /不能为空/],
    ['units', '单位简介', '字'.repeat(101), '单位简介', /最多 100 个字/],
    ['people', '手机号', '1380000200', '手机号', /11 位手机号/],
    ['people', '手机号', '23800002001', '手机号', /11 位手机号/],
    ['people', '角色', '县委组织部', '角色', /角色「县委组织部」无效/],
    ['people', '单位', '', '单位', /党员须填写所在单位/],
    ['people', '姓名', '', '姓名', /不能为空/],
    ['keyHouseholds', '关爱类别', '独居老人、精神分裂', '关爱类别', /请勿填写病情或诊断（如「精神分裂」）/],
    ['keyHouseholds', '关爱类别', '孤寡', '关爱类别', /关爱类别「孤寡」无效/],
    ['keyHouseholds', '走访频次', '每年', '走访频次', /走访频次「每年」无效/],
    ['keyHouseholds', '联系电话', '12345', '联系电话', /手机号或带区号的座机/],
    ['keyHouseholds', '包挂人手机号', '13800004002、138', '包挂人手机号', /包挂人手机号「138」/],
    ['keyHouseholds', '备注', '刚做完化疗', '备注', /请勿填写病情或诊断（如「化疗」）/],
    ['keyHouseholds', '房号', '', '房号', /不能为空/],
  ] as const)('%s: %s = %p → %s', (sheet, header, value, column, reason) => {
    const r = parseRow(sheet, withCell(sheet, header, value));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem.column).toBe(column);
      expect(r.problem.reason).toMatch(reason);
    }
  });
});

describe('what a good row reads as', () => {
  it('a community cell of 12 digits is a code, anything else a name', () => {
    const byCode = parseRow('units', withCell('units', '结对社区', '350622103001'));
    const byName = parseRow('units', withCell('units', '结对社区', '东街社区'));
    expect(byCode).toMatchObject({ ok: true, record: { pairWith: { code: '350622103001' } } });
    expect(byName).toMatchObject({ ok: true, record: { pairWith: { name: '东街社区' } } });
  });

  it('care categories in any separator, each once; a phone with spaces or dashes', () => {
    const r = parseRow('keyHouseholds', withCell('keyHouseholds', '关爱类别', '独居老人，残疾人 独居老人'));
    expect(r).toMatchObject({ ok: true, record: { categories: ['livingAlone', 'disabled'], careLevel: 'weekly' } });
    expect(parseRow('people', withCell('people', '手机号', '138 0000-2001'))).toMatchObject({ ok: true, record: { phone: '13800002001', role: 'member' } });
  });

  it('a role with a community scope needs the community; a member may give where they live', () => {
    expect(parseRow('people', row('people', ['周芳', '13800004001', '社区工作者', '', '东街社区']))).toMatchObject({ ok: true, record: { role: 'staff', community: { name: '东街社区' }, unit: null } });
    expect(parseRow('people', row('people', ['周芳', '13800004001', '书记', '', '']))).toMatchObject({ ok: false, problem: { column: '社区' } });
  });

  it('a room needs its building, a region row may stop at the community', () => {
    expect(parseRow('regions', row('regions', ['', '城关镇', '', '东街社区']))).toMatchObject({ ok: true, record: { estate: null, building: null, room: null } });
    expect(parseRow('regions', row('regions', ['', '城关镇', '', '东街社区', '', '幸福小区', '', '101']))).toMatchObject({ ok: false, problem: { column: '楼栋' } });
  });
});

describe('missingColumns', () => {
  it('names the required headers a sheet lacks; optional ones may be left out', () => {
    expect(missingColumns('people', ['姓名', '角色'])).toEqual(['手机号']);
    expect(missingColumns('regions', ['镇街', '社区'])).toEqual([]);
  });
});

describe('keyId', () => {
  it('is stable for a key and differs between keys', () => {
    expect(keyId('rg', 'c-dongjie', 'estate', '幸福小区')).toBe(keyId('rg', 'c-dongjie', 'estate', '幸福小区'));
    expect(keyId('rg', 'c-dongjie', 'estate', '幸福小区')).not.toBe(keyId('rg', 'c-dongjie', 'estate', '幸福小区2'));
    expect(keyId('h', 'b1', '101')).toMatch(/^h-[0-9a-f]{16}$/);
  });
});
