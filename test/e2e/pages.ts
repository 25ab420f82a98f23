/**
 * The one list of resident-facing pages that elder.test.ts measures, normal and 长辈模式.
 * A new page (or a new state of one) is covered by adding a line here.
 */
export interface ResidentPage {
  /**
   * Hash route of the H5 build. `{verified}` stands for the id of one of the person's own demands
   * that waits for their rating (the demo county has one); `{household}` for the first key
   * household paired with the person (敲门); `{claimedWish}` for the first wish they claimed; `{joinedProject}` for the first project they take part in; the
   * test resolves them through the API.
   */
  route: string;
  /** Short Chinese name for the table. */
  name: string;
  /** The demo person it is opened as (a seeded openid, or one the test prepares, see below). */
  openid: string;
  /**
   * How that person exists: 'seeded' by the demo county; 'registered' by the test with org.register
   * (a newcomer with no building yet); 'unregistered' (never registered — 长辈模式 can then only be
   * turned on by the switch on 我的, which the test taps).
   */
  person: 'seeded' | 'registered' | 'unregistered';
  /** A Playwright selector that is visible once the page shows what it is measured for. */
  ready: string;
}

export const RESIDENT = 'demo-resident-wang';
export const NEWCOMER = 'e2e-newcomer';
export const STRANGER = 'e2e-unregistered';
/** A member paired with key households in the demo county (敲门); no other e2e test uses 刘洋. */
export const VISITOR = 'demo-member-liu';

export const PAGES: ResidentPage[] = [
  { route: '/pages/dispatch/index', name: '派单', openid: RESIDENT, person: 'seeded', ready: '.jl-tab-header' },
  { route: '/pages/points/index', name: '积分', openid: RESIDENT, person: 'seeded', ready: '.jl-balance' },
  { route: '/pages/visits/index', name: '敲门', openid: RESIDENT, person: 'seeded', ready: '.jl-tab-header' },
  { route: '/pages/me/index', name: '我的', openid: RESIDENT, person: 'seeded', ready: '.jl-profile' },
  { route: '/pages/me/index', name: '我的·注册', openid: STRANGER, person: 'unregistered', ready: 'text=第一次使用' },
  { route: '/pages/me/index', name: '我的·绑定楼栋', openid: NEWCOMER, person: 'registered', ready: 'text=第一步：选择社区' },
  { route: '/pages/dispatch/index', name: '派单·未注册', openid: STRANGER, person: 'unregistered', ready: 'text=请先完成注册' },
  { route: '/packages/dispatch/report/index', name: '我要反映', openid: RESIDENT, person: 'seeded', ready: 'text=1. 反映哪一类事情' },
  { route: '/packages/dispatch/detail/index?id={verified}', name: '诉求详情', openid: RESIDENT, person: 'seeded', ready: '.jl-progress' },
  { route: '/packages/dispatch/rate/index?id={verified}', name: '评价', openid: RESIDENT, person: 'seeded', ready: '.jl-rate' },
  { route: '/pages/visits/index', name: '敲门·我的包户', openid: VISITOR, person: 'seeded', ready: '.jl-household' },
  { route: '/packages/visits/household/index?id={household}', name: '重点户详情', openid: VISITOR, person: 'seeded', ready: '.jl-household-detail' },
  { route: '/packages/visits/visit/index?id={household}', name: '记录走访', openid: VISITOR, person: 'seeded', ready: '.jl-submit' },
  { route: '/packages/points/catalogue/index', name: '积分兑换', openid: RESIDENT, person: 'seeded', ready: '.jl-section__title' },
  { route: '/packages/points/redemptions/index', name: '我的兑换', openid: RESIDENT, person: 'seeded', ready: '.jl-segments' },
  { route: '/packages/points/activities/index', name: '志愿活动', openid: RESIDENT, person: 'seeded', ready: '.jl-segments' },
  { route: '/packages/points/ledger/index', name: '积分明细', openid: RESIDENT, person: 'seeded', ready: '.jl-section__title' },
  { route: '/packages/me/building/index?scene=b-nanshanxincun-1', name: '楼栋码', openid: NEWCOMER, person: 'registered', ready: 'text=绑定到此楼栋' },
  { route: '/packages/me/join/index', name: '接受邀请', openid: RESIDENT, person: 'seeded', ready: 'text=输入邀请码' },
  // The same pages with something in them: a member with redemptions and entries (not
  // 张伟: the measurement turns 长辈模式 on for whoever it opens, and the self-check reads his 派单).
  { route: '/packages/points/catalogue/index', name: '积分兑换·党员', openid: 'demo-member-liu', person: 'seeded', ready: '.jl-card' },
  { route: '/packages/points/redemptions/index', name: '我的兑换·有兑换', openid: 'demo-member-liu', person: 'seeded', ready: '.jl-card' },
  { route: '/packages/points/ledger/index', name: '积分明细·有明细', openid: 'demo-member-liu', person: 'seeded', ready: '.jl-ledger-row' },
  // 微心愿: the wall, posting, 我的心愿 (the demo wishes of 王秀英 in each state), and a volunteer's 我认领的 and 登记已送达.
  { route: '/packages/wishes/wall/index', name: '微心愿墙', openid: RESIDENT, person: 'seeded', ready: '.jl-card' },
  { route: '/packages/wishes/post/index', name: '我有一个心愿', openid: RESIDENT, person: 'seeded', ready: '.jl-submit' },
  { route: '/packages/wishes/mine/index', name: '我的心愿', openid: RESIDENT, person: 'seeded', ready: '.jl-card' },
  { route: '/packages/wishes/claimed/index', name: '我认领的心愿', openid: 'demo-member-liu', person: 'seeded', ready: '.jl-card' },
  { route: '/packages/wishes/fulfil/index?id={claimedWish}', name: '登记心愿已送达', openid: 'demo-member-liu', person: 'seeded', ready: '.jl-submit' },
  // 共建项目: a resident's view of the community's projects and the plan, a member's 我参与的 and one project with its progress.
  { route: '/packages/projects/index/index', name: '共建项目', openid: RESIDENT, person: 'seeded', ready: '.jl-card' },
  { route: '/packages/projects/index/index?tab=mine', name: '我参与的项目', openid: 'demo-member-liu', person: 'seeded', ready: '.jl-card' },
  { route: '/packages/projects/detail/index?id={joinedProject}', name: '共建项目详情', openid: 'demo-member-liu', person: 'seeded', ready: '.jl-project__update' },
  // 设岗定责、承诺、年度任务: a resident rates members' pledges; 刘洋 (a member in 东街 with the demo's posts, logs, pledges and duties).
  { route: '/packages/posts/rate/index', name: '党员承诺', openid: RESIDENT, person: 'seeded', ready: '.jl-pledge' },
  { route: '/packages/posts/list/index', name: '岗位与责任区', openid: VISITOR, person: 'seeded', ready: '.jl-post' },
  { route: '/packages/posts/mine/index', name: '我的岗位', openid: VISITOR, person: 'seeded', ready: '.jl-log' },
  { route: '/packages/posts/pledges/index', name: '我的承诺', openid: VISITOR, person: 'seeded', ready: '.jl-pledge' },
  { route: '/packages/posts/duties/index', name: '我的年度任务', openid: VISITOR, person: 'seeded', ready: '.jl-duties' },
];

/** Fills `{verified}` or `{household}` in a route for `openid` through the API (see ResidentPage.route). */
export async function resolveRoute(
  route: string,
  openid: string,
  post: (fn: string, body: Record<string, unknown>, openid: string) => Promise<{ ok: boolean; data?: unknown }>,
): Promise<string> {
  if (route.includes('{household}')) {
    // The first of the person's paired key households (我的包户, due first).
    const mine = await post('visits', { action: 'list', scope: 'mine' }, openid);
    const households = (mine.data as { items?: { householdId: string }[] } | undefined)?.items ?? [];
    if (!mine.ok || !households.length) throw new Error(`${openid} has no paired key household: the demo county should have one`);
    return route.replace('{household}', households[0].householdId);
  }
  if (route.includes('{joinedProject}')) {
    const joined = await post('projects', { action: 'list', scope: 'mine' }, openid);
    const projects = (joined.data as { items?: { _id: string }[] } | undefined)?.items ?? [];
    if (!joined.ok || !projects.length) throw new Error(`${openid} takes part in no project: the demo county should have one`);
    return route.replace('{joinedProject}', projects[0]._id);
  }
  if (route.includes('{claimedWish}')) {
    const claimed = await post('wishes', { action: 'list', scope: 'claimed' }, openid);
    const wishes = (claimed.data as { items?: { _id: string }[] } | undefined)?.items ?? [];
    if (!claimed.ok || !wishes.length) throw new Error(`${openid} has claimed no wish: the demo county should have one`);
    return route.replace('{claimedWish}', wishes[0]._id);
  }
  if (!route.includes('{verified}')) return route;
  const res = await post('dispatch', { action: 'list', scope: 'mine', status: 'verified' }, openid);
  const items = (res.data as { items?: { _id: string }[] } | undefined)?.items ?? [];
  if (!res.ok || !items.length) throw new Error(`no demand of ${openid} waits for a rating: the demo county should have one`);
  return route.replace('{verified}', items[0]._id);
}
