/**
 * One row of the import workbook → a typed record, or the column and a Chinese reason it is
 * refused. Pure: what a row means on its own (formats, codes, required cells). What it means
 * against the database and the other rows (unknown unit, duplicate household) is import-plan.ts.
 */
import type { ImportSheet } from '../../types/imports';
import type { CareCategory, CareLevel } from '../../types/visits';
import { CARE_CATEGORY_WORDS, CARE_LEVEL_WORDS, ROLE_WORDS, SHEET_BY_KIND, byWord, type ImportRole } from './import-sheets';
import { scopeOf } from './roles';
import { diagnosisMessage, diagnosisTerm } from './visits-text';

/** A row as the workbook holds it: cells by header, trimmed text ('' when empty). */
export interface RawRow {
  row: number;
  cells: Record<string, string>;
}

/** A community named by its division code or, without one, by its name. */
export type CommunityRef = { code: string } | { name: string };

export interface RegionRecord {
  sheet: 'regions';
  row: number;
  /** The county's name, when the row gives it (needed once, in an empty deploy). */
  county: string | null;
  town: { name: string; code: string | null };
  community: { name: string; code: string | null };
  estate: string | null;
  building: string | null;
  room: string | null;
}

export interface UnitRecord {
  sheet: 'units';
  row: number;
  name: string;
  description: string | null;
  pairWith: CommunityRef | null;
}

export interface PersonRecord {
  sheet: 'people';
  row: number;
  name: string;
  phone: string;
  role: ImportRole;
  unit: string | null;
  community: CommunityRef | null;
}

export interface KeyHouseholdRecord {
  sheet: 'keyHouseholds';
  row: number;
  community: CommunityRef;
  estate: string;
  building: string;
  room: string;
  categories: CareCategory[];
  careLevel: CareLevel;
  contactName: string;
  contactPhone: string;
  visitorPhones: string[];
  notes: string;
}

export type ImportRecord = RegionRecord | UnitRecord | PersonRecord | KeyHouseholdRecord;

/** Why a row is refused: the column (header) and a reason the admin can act on. */
export interface RowProblem {
  column: string;
  reason: string;
}

export type RowResult<T> = { ok: true; record: T } | { ok: false; problem: RowProblem };

/** 11-digit mainland mobile. */
export const MOBILE = /^1[3-9]\d{9}$/;
/** A mobile, or a landline with its area code. */
const CONTACT_PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
const DIVISION_CODE = /^\d{12}$/;
/** Lists in a cell: 、 is what people type; commas, semicolons and spaces are accepted too. */
const LIST_SEPARATORS = /[、,，;；\s]+/;

const MAX_NAME = 40;

class Refusal extends Error {
  constructor(readonly problem: RowProblem) {
    super(problem.reason);
  }
}

const refuse = (column: string, reason: string): never => {
  throw new Refusal({ column, reason });
};

function cell(raw: RawRow, column: string, opts: { required?: boolean; max?: number } = {}): string {
  const v = raw.cells[column] ?? '';
  if (!v && opts.required) refuse(column, `「${column}」不能为空`);
  const max = opts.max ?? MAX_NAME;
  if (v.length > max) refuse(column, `「${column}」最多 ${max} 个字`);
  return v;
}

function optional(raw: RawRow, column: string, max?: number): string | null {
  return cell(raw, column, { max }) || null;
}

function divisionCode(raw: RawRow, column: string, level: 'town' | 'community'): string | null {
  const v = cell(raw, column);
  if (!v) return null;
  if (!DIVISION_CODE.test(v)) refuse(column, `「${column}」应为 12 位数字的统计用区划代码，如 ${level === 'town' ? '350622103000' : '350622103001'}`);
  if (level === 'town' && !v.endsWith('000')) refuse(column, `镇街级区划代码应以 000 结尾（${v} 是村、社区级代码）`);
  if (level === 'community' && v.endsWith('000')) refuse(column, `社区级区划代码不以 000 结尾（${v} 是镇街级代码）`);
  return v;
}

/** A community cell: 12 digits is a code, anything else a name. */
function communityRef(v: string): CommunityRef {
  return DIVISION_CODE.test(v) ? { code: v } : { name: v };
}

function mobile(raw: RawRow, column: string): string {
  const v = cell(raw, column, { required: true }).replace(/[\s-]/g, '');
  if (!MOBILE.test(v)) refuse(column, `「${column}」应为 11 位手机号（现为「${raw.cells[column]}」）`);
  return v;
}

function noDiagnosis(column: string, text: string): void {
  const term = diagnosisTerm(text);
  if (term) refuse(column, diagnosisMessage(`「${column}」`, term));
}

function regionRow(raw: RawRow): RegionRecord {
  const town = { name: cell(raw, '镇街', { required: true }), code: divisionCode(raw, '镇街代码', 'town') };
  const community = { name: cell(raw, '社区', { required: true }), code: divisionCode(raw, '社区代码', 'community') };
  if (town.code && community.code && community.code.slice(0, 9) !== town.code.slice(0, 9)) {
    refuse('社区代码', `社区代码 ${community.code} 不属于镇街代码 ${town.code}（前 9 位应相同）`);
  }
  const estate = optional(raw, '小区');
  const building = optional(raw, '楼栋');
  const room = optional(raw, '房号', 20);
  if (building && !estate) refuse('小区', '写了楼栋，请同时写所在小区');
  if (room && !building) refuse('楼栋', '写了房号，请同时写所在楼栋');
  return { sheet: 'regions', row: raw.row, county: optional(raw, '县'), town, community, estate, building, room };
}

function unitRow(raw: RawRow): UnitRecord {
  const pair = cell(raw, '结对社区');
  return {
    sheet: 'units',
    row: raw.row,
    name: cell(raw, '单位名称', { required: true }),
    description: optional(raw, '单位简介', 100),
    pairWith: pair ? communityRef(pair) : null,
  };
}

const ROLE_BY_WORD = byWord(ROLE_WORDS);

function personRow(raw: RawRow): PersonRecord {
  const name = cell(raw, '姓名', { required: true, max: 20 });
  const phone = mobile(raw, '手机号');
  const word = cell(raw, '角色', { required: true });
  const role = ROLE_BY_WORD.get(word) ?? refuse('角色', `角色「${word}」无效，只能填写：${Object.values(ROLE_WORDS).join('、')}`);
  const unit = optional(raw, '单位');
  const community = optional(raw, '社区');
  if (scopeOf(role) === 'unit' && !unit) refuse('单位', `${ROLE_WORDS[role]}须填写所在单位`);
  if (scopeOf(role) === 'community' && !community) refuse('社区', `${ROLE_WORDS[role]}须填写所在社区`);
  return { sheet: 'people', row: raw.row, name, phone, role, unit, community: community ? communityRef(community) : null };
}

const CATEGORY_BY_WORD = byWord(CARE_CATEGORY_WORDS);
const LEVEL_BY_WORD = byWord(CARE_LEVEL_WORDS);

function keyHouseholdRow(raw: RawRow): KeyHouseholdRecord {
  const community = communityRef(cell(raw, '社区', { required: true }));
  const estate = cell(raw, '小区', { required: true });
  const building = cell(raw, '楼栋', { required: true });
  const room = cell(raw, '房号', { required: true, max: 20 });
  const words = cell(raw, '关爱类别', { required: true, max: 100 }).split(LIST_SEPARATORS).filter(Boolean);
  const categories: CareCategory[] = [];
  for (const w of words) {
    const c = CATEGORY_BY_WORD.get(w);
    if (!c) {
      // A diagnosis where a category belongs says what to do instead, not only "invalid".
      noDiagnosis('关爱类别', w);
      refuse('关爱类别', `关爱类别「${w}」无效，只能填写：${Object.values(CARE_CATEGORY_WORDS).join('、')}`);
    }
    if (!categories.includes(c!)) categories.push(c!);
  }
  const levelWord = cell(raw, '走访频次', { required: true });
  const careLevel = LEVEL_BY_WORD.get(levelWord) ?? refuse('走访频次', `走访频次「${levelWord}」无效，只能填写：${Object.values(CARE_LEVEL_WORDS).join('、')}`);
  const contactName = cell(raw, '联系人', { required: true, max: 20 });
  const contactPhone = cell(raw, '联系电话', { required: true }).replace(/\s/g, '');
  if (!CONTACT_PHONE.test(contactPhone)) refuse('联系电话', `「联系电话」应为手机号或带区号的座机（现为「${raw.cells['联系电话']}」）`);
  const visitorPhones = [...new Set(cell(raw, '包挂人手机号', { max: 200 }).split(LIST_SEPARATORS).filter(Boolean))];
  for (const p of visitorPhones) if (!MOBILE.test(p)) refuse('包挂人手机号', `包挂人手机号「${p}」应为 11 位手机号`);
  const notes = cell(raw, '备注', { max: 100 });
  noDiagnosis('备注', notes);
  return { sheet: 'keyHouseholds', row: raw.row, community, estate, building, room, categories, careLevel, contactName, contactPhone, visitorPhones, notes };
}

const PARSERS: Record<ImportSheet, (raw: RawRow) => ImportRecord> = {
  regions: regionRow,
  units: unitRow,
  people: personRow,
  keyHouseholds: keyHouseholdRow,
};

/** Parses and checks one row of `sheet`. */
export function parseRow(sheet: ImportSheet, raw: RawRow): RowResult<ImportRecord> {
  try {
    return { ok: true, record: PARSERS[sheet](raw) };
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, problem: e.problem };
    throw e;
  }
}

/** Required columns a sheet's header row lacks (each makes every row of the sheet unreadable). */
export function missingColumns(sheet: ImportSheet, headers: string[]): string[] {
  return SHEET_BY_KIND[sheet].columns.filter((c) => c.required && !headers.includes(c.header)).map((c) => c.header);
}
