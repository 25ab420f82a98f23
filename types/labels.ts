/**
 * The words of the contract: what each state and choice is called in the field, read by the
 * functions (refusals, timelines, messages) and the app alike, so both always say the same.
 * Data only — no logic — and like the rest of types/ it imports nothing but types.
 * The key order of each record is the order the app offers the choices in.
 */
import type { DemandCategory, DemandEvent, DemandKind, DemandStatus, TimelineEvent, Urgency } from './dispatch';
import type { ActivityPhase, LedgerSourceType } from './points';
import type { CareCategory, VisitMethod } from './visits';
import type { WishStatus } from './wishes';
import type { ProjectStatus } from './projects';

export const DEMAND_STATUS_LABEL: Record<DemandStatus, string> = {
  submitted: '待受理',
  handling: '社区办理中',
  dispatched: '已派单',
  accepted: '已接单',
  completed: '待验收',
  verified: '待评价',
  closed: '已办结',
  declined: '不予受理',
  merged: '已合并',
  // A second 不满意 brought it back to the secretary; 已吹哨 is a flag (escalatedAt), not this status.
  escalated: '书记研判',
};

/**
 * Every status as the resident who asked hears it: where their demand is, in plain words, never
 * the work's own (已吹哨, 待验收, 已接单 are how staff and units speak).
 */
export const RESIDENT_STATUS_LABEL: Record<DemandStatus, string> = {
  submitted: '待社区受理',
  handling: '社区办理中',
  dispatched: '已派单，等单位接单',
  accepted: '单位办理中',
  completed: '已办完，社区验收中',
  verified: '待您评价',
  closed: '已办结',
  declined: '不予受理',
  merged: '已与相同诉求合并办理',
  escalated: '已上报街道协调',
}

/** Most common first, 其他 last (the report form's order). */
export const CATEGORY_LABEL: Record<DemandCategory, string> = {
  elderlyCare: '养老助老',
  facilities: '设施维修',
  environment: '环境卫生',
  safety: '安全隐患',
  neighbourhood: '邻里纠纷',
  employment: '就业社保',
  health: '医疗健康',
  other: '其他',
};

/** What a button says for each step. */
export const DEMAND_ACTION_LABEL: Record<DemandEvent, string> = {
  handle: '社区自办',
  dispatch: '派单',
  merge: '合并',
  decline: '不予受理',
  accept: '接单',
  reject: '退单',
  assign: '指派党员',
  claim: '认领',
  withdraw: '退出认领',
  complete: '办结',
  redispatch: '改派',
  verify: '验收通过',
  sendBack: '退回重办',
  rate: '评价',
  returnVisit: '回访',
  escalate: '吹哨',
  close: '结案',
  extend: '申请延期',
  approveExtension: '同意延期',
  refuseExtension: '不同意延期',
  urge: '催办',
  supervise: '督办',
};

/** How a step reads in the timeline ("周芳 派单"). */
export const DEMAND_EVENT_LABEL: Record<TimelineEvent['event'], string> = {
  ...DEMAND_ACTION_LABEL,
  // Where the timeline says more than the button did.
  submit: '提交诉求',
  handle: '社区自办',
  merge: '合并到其他诉求',
};

export const URGENCY_LABEL: Record<Urgency, string> = { urgent: '紧急', normal: '一般', complex: '复杂' };

export const KIND_LABEL: Record<DemandKind, string> = { demand: '诉求', wish: '微心愿', whistle: '吹哨' };

/** How a visit was made (走访方式): the visit form, the household's record, the return visit on a demand. */
export const VISIT_METHOD_LABEL: Record<VisitMethod, string> = { door: '上门', phone: '电话', video: '视频' };

/** Where a volunteer activity stands (活动状态): the activity cards and the server's refusals. */
export const ACTIVITY_PHASE_LABEL: Record<ActivityPhase, string> = { upcoming: '未开始', ongoing: '进行中', ended: '已结束', cancelled: '已取消' };

/** 关爱类别: the coded care categories (never a diagnosis), as the app, the forms and the workbook say them. */
export const CARE_CATEGORY_LABEL: Record<CareCategory, string> = {
  livingAlone: '独居老人',
  emptyNest: '空巢老人',
  disabled: '残疾人',
  seriousIllness: '大病户',
  hardship: '困难户',
  leftBehindChild: '留守儿童',
  childInDistress: '困境儿童',
  other: '其他',
};

/** Where a 微心愿 stands (心愿状态): the wall, 我的心愿, the review queue. */
export const WISH_STATUS_LABEL: Record<WishStatus, string> = {
  pending: '待审核',
  approved: '待认领',
  declined: '未通过',
  claimed: '已认领',
  fulfilled: '待确认',
  confirmed: '已实现',
};

/** Where a 共建项目 stands (项目状态). */
export const PROJECT_STATUS_LABEL: Record<ProjectStatus, string> = {
  open: '待认领',
  withdrawn: '已撤回',
  requested: '待接受',
  declined: '已婉拒',
  active: '进行中',
  completed: '待评实效',
  rated: '已评实效',
};

/** Where a ledger entry's points come from. */
export const LEDGER_SOURCE_LABEL: Record<LedgerSourceType, string> = {
  service: '派单服务',
  post: '岗位服务',
  wish: '微心愿',
  activity: '志愿活动',
  checkIn: '双报到',
  award: '社区奖励',
  redeem: '积分兑换',
  refund: '兑换退回',
  reversal: '更正冲销',
};
