import type { ImportSheet, SheetCounts } from '@/types/imports'

/** The workbook's sheets as the template names them, in the order they are applied. */
export const SHEET_TITLE: Record<ImportSheet, string> = { regions: '地区与住户', units: '单位与结对', people: '人员与角色', keyHouseholds: '重点户' }
export const SHEET_ORDER: ImportSheet[] = ['regions', 'units', 'people', 'keyHouseholds']

/** "新建 12 · 修改 0 · 不变 3 · 有问题 1". */
export const countsText = (c: SheetCounts) => `新建 ${c.create} · 修改 ${c.change} · 不变 ${c.unchanged} · 有问题 ${c.bad}`
