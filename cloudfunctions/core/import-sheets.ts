/**
 * The import workbook's format: its sheets, their Chinese column headers, and the codes a cell
 * may hold (care categories, care levels, roles). One table that the template, the reader and the
 * row rules all use, so the format is said once.
 */
import type { Role } from '../../types/domain';
import type { ImportSheet } from '../../types/imports';
import type { CareLevel } from '../../types/visits';
import { CARE_CATEGORY_LABEL } from '../../types/labels';

export interface ColumnSpec {
  header: string;
  required: boolean;
  /** What the notes sheet says about the column. */
  note: string;
  /** Cells kept as text in the template (codes and phones must not turn into numbers). */
  text?: boolean;
}

export interface SheetSpec {
  sheet: ImportSheet;
  /** The sheet's name in the workbook. */
  title: string;
  /** What one row is, for the notes sheet. */
  about: string;
  columns: ColumnSpec[];
  example: string[];
}

export const NOTES_TITLE = '说明';

export const SHEETS: SheetSpec[] = [
  {
    sheet: 'regions',
    title: '地区与住户',
    about: '每行一户（或只写到社区、小区、楼栋，只建地区）。同一镇街、社区以统计用区划代码为准；没有代码时按上级与名称对应。',
    columns: [
      { header: '县', required: false, note: '县（区）名称：系统中还没有县时必填（第一行即可），已有时可不填，填写则须一致' },
      { header: '镇街', required: true, note: '镇或街道的名称' },
      { header: '镇街代码', required: false, text: true, note: '12 位统计用区划代码，镇街级以 000 结尾，如 350622103000；有代码时以代码对应已有的镇街' },
      { header: '社区', required: true, note: '社区或村的名称' },
      { header: '社区代码', required: false, text: true, note: '12 位统计用区划代码，如 350622103001，前 9 位与镇街代码相同' },
      { header: '小区', required: false, note: '小区或网格的名称；写楼栋时必填' },
      { header: '楼栋', required: false, note: '楼栋名称，如 幸福小区1号楼；写房号时必填' },
      { header: '房号', required: false, text: true, note: '如 101；同一楼栋内不重复' },
    ],
    example: ['青山县', '城关镇', '350622103000', '东街社区', '350622103001', '幸福小区', '幸福小区1号楼', '101'],
  },
  {
    sheet: 'units',
    title: '单位与结对',
    about: '每行一个单位，或一个单位与一个社区的结对共建（同一单位可写多行，每行结对一个社区）。单位按名称对应。',
    columns: [
      { header: '单位名称', required: true, note: '县直单位或共建单位的全称' },
      { header: '单位简介', required: false, note: '单位做什么（派单时社区据此选择），最多 100 字' },
      { header: '结对社区', required: false, note: '结对共建的社区：名称或 12 位社区代码；同名社区请填代码' },
    ],
    example: ['县人社局', '就业、社保、劳动维权', '350622103001'],
  },
  {
    sheet: 'people',
    title: '人员与角色',
    about: '每行一个人的一个角色（一人多个角色写多行）。人按手机号对应；还没用过小程序的人，角色先保留，本人用该手机号登录或接受邀请时生效。',
    columns: [
      { header: '姓名', required: true, note: '最多 20 字' },
      { header: '手机号', required: true, text: true, note: '11 位手机号' },
      { header: '角色', required: true, note: '党员、单位联络员、社区工作者、网格员、书记 之一' },
      { header: '单位', required: false, note: '党员、单位联络员必填：所在单位的名称（本工作簿或系统中已有的单位）' },
      { header: '社区', required: false, note: '社区工作者、网格员、书记必填：所在社区的名称或代码；党员可填居住的社区' },
    ],
    example: ['张伟', '13800002001', '党员', '县人社局', '东街社区'],
  },
  {
    sheet: 'keyHouseholds',
    title: '重点户',
    about: '每行一个重点户（关爱对象），按户对应：社区、小区、楼栋、房号须是系统中已有的，或在「地区与住户」中列出。',
    columns: [
      { header: '社区', required: true, note: '社区名称或代码' },
      { header: '小区', required: true, note: '小区名称' },
      { header: '楼栋', required: true, note: '楼栋名称' },
      { header: '房号', required: true, text: true, note: '房号' },
      { header: '关爱类别', required: true, note: '独居老人、空巢老人、残疾人、大病户、困难户、留守儿童、困境儿童、其他 中的一个或几个，用顿号分隔；不要填写病情或诊断' },
      { header: '走访频次', required: true, note: '每周、每两周、每月 之一' },
      { header: '联系人', required: true, note: '上门时找谁，最多 20 字' },
      { header: '联系电话', required: true, text: true, note: '手机号，或带区号的座机（如 0596-1234567）' },
      { header: '包挂人手机号', required: false, text: true, note: '已注册小程序的党员、网格员、社区工作者或书记的手机号，多个用顿号分隔' },
      { header: '备注', required: false, note: '实用的提示，最多 100 字，如「耳背，请多敲几下」；不要填写病情或诊断' },
    ],
    example: ['东街社区', '幸福小区', '幸福小区1号楼', '101', '独居老人、残疾人', '每周', '王秀英', '13800001001', '13800004002', '耳背，请多敲几下'],
  },
];

export const SHEET_BY_KIND: Record<ImportSheet, SheetSpec> = Object.fromEntries(SHEETS.map((s) => [s.sheet, s])) as Record<ImportSheet, SheetSpec>;

/** 关爱类别 as the workbook writes them: the app's words (types/labels.ts). */
export const CARE_CATEGORY_WORDS = CARE_CATEGORY_LABEL;

export const CARE_LEVEL_WORDS: Record<CareLevel, string> = { weekly: '每周', fortnightly: '每两周', monthly: '每月' };

/** Roles an import may grant. Never admin: the county's admins are made by setup and by hand. */
export type ImportRole = Extract<Role, 'member' | 'liaison' | 'staff' | 'gridWorker' | 'secretary'>;

export const ROLE_WORDS: Record<ImportRole, string> = {
  member: '党员',
  liaison: '单位联络员',
  staff: '社区工作者',
  gridWorker: '网格员',
  secretary: '书记',
};

/** Chinese word → code, for reading cells. */
export function byWord<K extends string>(words: Record<K, string>): Map<string, K> {
  return new Map(Object.entries(words).map(([k, w]) => [w as string, k as K]));
}
