const tab = (name: string, text: string) => ({
  pagePath: `pages/${name}/index`,
  text,
  iconPath: `assets/tab/${name}.png`,
  selectedIconPath: `assets/tab/${name}-active.png`,
})

export default defineAppConfig({
  // Tab pages live in the main package. Non-tab pages go to subPackages.
  pages: ['pages/dispatch/index', 'pages/points/index', 'pages/visits/index', 'pages/me/index'],
  subPackages: [
    {
      // Pillar 1 beyond the tab: report, detail, the step forms and the 三率 scorecard.
      root: 'packages/dispatch',
      pages: ['report/index', 'detail/index', 'dispatch/index', 'complete/index', 'rate/index', 'scorecard/index'],
    },
    {
      // Pillar 2 beyond the tab: ledger, activities, catalogue and redemptions, fulfilment,
      // leaderboards, 双报到 compliance, 双认双评, the county's reconciliation, and staff's
      // awards and corrections on a person's ledger.
      root: 'packages/points',
      pages: [
        'ledger/index', 'activities/index', 'activity/index', 'activity-form/index', 'catalogue/index', 'item-form/index',
        'redemptions/index', 'fulfil/index', 'leaderboard/index', 'compliance/index', 'member/index', 'reconcile/index',
        'people/index', 'person/index', 'rules/index',
      ],
    },
    {
      // Pillar 3 beyond the tab: household detail, the visit form, the staff overview, the
      // key-household form, pairing and the secretary's sensitive-read log.
      root: 'packages/visits',
      pages: ['household/index', 'visit/index', 'overview/index', 'key/index', 'pairing/index', 'reads/index'],
    },
    {
      // 管理 (back office): regions, units, people and roles, invitations, 楼栋码, the workbook
      // import and the audit log — for the admin, and within their scope secretaries and liaisons.
      root: 'packages/admin',
      pages: ['index/index', 'regions/index', 'units/index', 'people/index', 'invite/index', 'poster/index', 'import/index', 'audit/index'],
    },
    {
      // 微心愿墙: the community's wall, posting a wish, 我的心愿, staff's review, 我认领的, 登记已送达.
      root: 'packages/wishes',
      pages: ['wall/index', 'post/index', 'mine/index', 'review/index', 'claimed/index', 'fulfil/index'],
    },
    {
      // 共建项目: the 需求清单 and 服务清单 with 双向认领, a project with its steps, the forms, a pairing's 共建计划.
      root: 'packages/projects',
      pages: ['index/index', 'detail/index', 'publish/index', 'plan/index'],
    },
    {
      // 设岗定责 / 责任区, 承诺践诺评诺, 年度任务: the posts, my posts and logs, staff's 验收, pledges, rating them, the duties.
      root: 'packages/posts',
      pages: ['list/index', 'mine/index', 'review/index', 'pledges/index', 'rate/index', 'duties/index', 'duty-rules/index', 'problem/index'],
    },
    {
      // 统计看板: the county's, a town's, a community's and a unit's 三率 rankings and trend, and
      // the items behind every figure (uCharts, so never in the main package); 党员 and 敲门 figures
      // with the members and the overdue households behind them.
      root: 'packages/stats',
      pages: ['dashboard/index', 'items/index', 'members/index', 'points/index', 'households/index'],
    },
    {
      // 导出与月报: exports to .xlsx with their progress, and the monthly report pack.
      root: 'packages/exports',
      pages: ['index/index'],
    },
    {
      // The pages a QR code opens (kept small so they load fast): 接受邀请 and a building's 楼栋码.
      // Their paths are the backend's (core/invitations.ts INVITATION_PAGE, BUILDING_PAGE).
      root: 'packages/me',
      pages: ['join/index', 'building/index'],
    },
  ],
  window: {
    // WeChat's own default, said out loud: Taro's H5 router shows its title bar (title, back) only
    // when navigationStyle is exactly 'default' — left unset, H5 hid it on every page.
    navigationStyle: 'default',
    navigationBarTitleText: '近邻',
    navigationBarBackgroundColor: '#b71c1c',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f6f7',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    color: '#4e5560',
    selectedColor: '#b71c1c',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [tab('dispatch', '派单'), tab('points', '积分'), tab('visits', '敲门'), tab('me', '我的')],
  },
  lazyCodeLoading: 'requiredComponents',
})
