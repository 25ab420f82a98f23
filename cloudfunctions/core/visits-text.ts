/**
 * No free-text diagnoses (PIPL Art. 28; DESIGN.md Pillar 3): what a household's health is, is said
 * by coded care categories only. Notes on a household or a visit, and the words of a need found,
 * are short and practical; text naming a disease, a diagnosis or a disability grade is refused
 * with a message that says what to do instead. A word list cannot catch everything: the limit
 * (100 characters for notes), the form's wording and the read log do the rest.
 */

/** Words that name a diagnosis, a disease or a medical record (checked as substrings). */
const DIAGNOSIS_TERMS = [
  '诊断', '确诊', '病史', '病历', '病情', '癌', '肿瘤', '白血病', '艾滋', 'HIV', '乙肝', '丙肝', '肝炎', '结核', '梅毒',
  '精神病', '精神分裂', '抑郁症', '躁郁', '双相', '自闭症', '孤独症', '痴呆', '阿尔茨海默', '帕金森', '癫痫',
  '糖尿病', '高血压', '冠心病', '心脏病', '脑梗', '中风', '卒中', '偏瘫', '瘫痪', '尿毒症', '透析', '肾衰', '化疗', '放疗',
  '残疾等级', '一级残疾', '二级残疾', '三级残疾', '四级残疾', '智力残疾', '精神残疾',
];

/** The first diagnosis-like term in `text`, or null. Case-insensitive for Latin letters. */
export function diagnosisTerm(text: string): string | null {
  const t = text.toUpperCase();
  return DIAGNOSIS_TERMS.find((w) => t.includes(w.toUpperCase())) ?? null;
}

/** The refusal message for a field that names a diagnosis. */
export function diagnosisMessage(field: string, term: string): string {
  return `${field}请勿填写病情或诊断（如「${term}」），健康状况请用关爱类别表示，需要的帮助请写具体事项`;
}
