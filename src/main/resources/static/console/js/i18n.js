// Labels in English and Chinese. The language is chosen with the header's button; pages render again on change.

const labels = {
  en: {
    language: '中文', signIn: 'Sign in', signOut: 'Sign out', username: 'Username', password: 'Password',
    signInTitle: 'Sign in to MemberGraph', wrongPassword: 'Unknown username or wrong password.',
    sessionEnded: 'Your session has ended. Please sign in again.', notForConsole: 'This account cannot use the console.',
    mustChangePassword: 'Change your one-time password first (changeMyPassword), then sign in again.',
    overview: 'Overview', segments: 'Segments', members: 'Members', campaigns: 'Campaigns',
    asOf: 'As of', channel: 'Channel', allChannels: 'All channels', segment: 'Saved segment', everyone: 'Everyone',
    apply: 'Apply', table: 'Table', chart: 'Chart', withheld: 'withheld',
    gmv: 'GMV', orders: 'Orders', aov: 'Average order value', refundRate: 'Refund rate (amount)',
    newCustomers: 'New customers', returningCustomers: 'Returning customers', customers: 'Customers',
    vsPrevious: 'vs the whole previous month', vsLastYear: 'vs the same month last year', kpiPeriod: 'KPI period',
    MONTH_TO_DATE: 'Month to date', LAST_FULL_MONTH: 'Last full month',
    rfmSegments: 'RFM segments', lifecycle: 'Lifecycle stages', tiers: 'Members by tier', provinces: 'Members by province (top 10)',
    churnBands: 'Churn risk bands', membersCount: 'Members', spend: 'Spend', share: 'Share', stage: 'Stage', tier: 'Tier',
    province: 'Province', band: 'Band', clv: 'Average CLV', noModel: 'No prediction model fitted yet.',
    segmentBuilder: 'Segment builder', query: 'Condition', liveCount: 'Members now', sample: 'Sample',
    fields: 'Fields you may use', save: 'Save', name: 'Name', saved: 'Saved segments', evaluatedAt: 'Evaluated',
    sizeHistory: 'Size history', exportCsv: 'Export CSV', notAllowedToSave: 'Your role reads segments; CRM specialists save them.',
    search: 'Search', memberId: 'Member id', phone: 'Phone', profile: 'Profile', points: 'Points', pointsBalance: 'Balance',
    recentOrders: 'Recent orders', paidAt: 'Paid', amount: 'Amount', status: 'Status', noMember: 'No member found.',
    identities: 'Identities', joined: 'Joined', email: 'E-mail', rfm: 'RFM', prediction: 'Prediction',
    pAlive: 'P(alive)', nextPurchase: 'Next purchase', campaign: 'Campaign', create: 'Create', launch: 'Launch',
    controlShare: 'Control share', windowDays: 'Attribution days', startsAt: 'Starts', endsAt: 'Ends', cost: 'Cost',
    response: 'Response', treated: 'Treated', control: 'Control', conversions: 'Conversions', conversionRate: 'Conversion rate',
    revenue: 'Revenue', roi: 'ROI', conversionUplift: 'Conversion uplift', revenueUplift: 'Revenue per member uplift',
    interval: 'interval', daily: 'Conversions per day', day: 'Day', audience: 'Audience', loading: 'Loading…',
    retention: 'Retention', funnel: 'Funnel', byChannel: 'By channel', repurchaseBy: 'Repurchase by', PRODUCT: 'Product',
    CATEGORY: 'Category', cohorts: 'Cohorts by first-order month: share buying again N months later', cohort: 'Cohort',
    repurchase: 'Bought again most', repeatBuyers: 'Repeat buyers', repurchaseRate: 'Repurchase rate',
    medianInterval: 'Median interval (days)', days: 'days', lookbackDays: 'Look-back days', ordered: 'In order',
    split: 'Split', splitNONE: 'None', splitCHANNEL: 'By channel', entered: 'entered', bottleneck: 'bottleneck',
    step: 'Step', reached: 'Reached', stepConversion: 'From previous step', overallConversion: 'From entry',
    medianMinutes: 'Median minutes from previous',
    imports: 'Imports', entity: 'What the file holds', file: 'File', returnRule: 'Return rule (orders)', mapping: 'Column mapping (JSON)',
    preview: 'Preview', startImport: 'Start import', chooseFile: 'Choose a file first.', unusedColumns: 'Columns not used',
    row: 'Row', outcome: 'Outcome', asLoaded: 'As it would load', reason: 'Reason', job: 'Import', rowsPerSecond: 'rows/s',
    left: 'left', rowsRead: 'Rows read', rowsLoaded: 'Loaded', rowsLinked: 'Linked', rowsDuplicate: 'Duplicates',
    rowsRejected: 'Rejected', downloadRejects: 'Download rejects (CSV)',
    loyalty: 'Loyalty', threshold: 'Threshold', benefits: 'Benefits', earnRules: 'Earning rules', ruleType: 'Rule',
    appliesTo: 'Applies to', valid: 'Valid', runAudit: 'Run the points audit', pointsAudit: 'Points audit: accounts that differ',
    auditClean: 'Every points account matches its ledger and its lots.', balance: 'Balance', ledgerSum: 'Ledger sum',
    lotsRemaining: 'Open lots', deficit: 'Deficit',
    uploadContacts: 'Contacts CSV', upload: 'Upload', contactsRecorded: 'contacts recorded', alreadyRecorded: 'already recorded',
    attribution: 'Attribution', confidence: 'Confidence', LAST_TOUCH: 'Last touch', FIRST_TOUCH: 'First touch',
    withheldNote: 'Figures shown as — rest on fewer members than the privacy minimum and are withheld for your role.',
  },
  zh: {
    language: 'English', signIn: '登录', signOut: '退出', username: '用户名', password: '密码',
    signInTitle: '登录 MemberGraph', wrongPassword: '用户名不存在或密码错误。',
    sessionEnded: '登录已过期，请重新登录。', notForConsole: '此账户不能使用控制台。',
    mustChangePassword: '请先修改一次性密码（changeMyPassword），再重新登录。',
    overview: '概览', segments: '人群', members: '会员', campaigns: '营销活动',
    asOf: '截至', channel: '渠道', allChannels: '全部渠道', segment: '已保存人群', everyone: '全部会员',
    apply: '应用', table: '表格', chart: '图表', withheld: '已隐藏',
    gmv: 'GMV', orders: '订单数', aov: '客单价', refundRate: '退款率（金额）',
    newCustomers: '新客', returningCustomers: '老客', customers: '购买会员',
    vsPrevious: '环比（上月全月）', vsLastYear: '同比（去年同月）', kpiPeriod: '指标周期',
    MONTH_TO_DATE: '本月至今', LAST_FULL_MONTH: '上一个完整月',
    rfmSegments: 'RFM 分群', lifecycle: '生命周期', tiers: '等级分布', provinces: '省份分布（前十）',
    churnBands: '流失风险分层', membersCount: '会员数', spend: '消费额', share: '占比', stage: '阶段', tier: '等级',
    province: '省份', band: '分层', clv: '平均 CLV', noModel: '尚未拟合预测模型。',
    segmentBuilder: '人群圈选', query: '条件', liveCount: '当前人数', sample: '样例',
    fields: '可用字段', save: '保存', name: '名称', saved: '已保存人群', evaluatedAt: '计算时间',
    sizeHistory: '人数变化', exportCsv: '导出 CSV', notAllowedToSave: '你的角色可查看人群，由 CRM 专员保存。',
    search: '搜索', memberId: '会员 ID', phone: '手机号', profile: '会员档案', points: '积分', pointsBalance: '余额',
    recentOrders: '最近订单', paidAt: '支付时间', amount: '金额', status: '状态', noMember: '未找到会员。',
    identities: '身份', joined: '入会', email: '邮箱', rfm: 'RFM', prediction: '预测',
    pAlive: '活跃概率', nextPurchase: '预计下次购买', campaign: '活动', create: '创建', launch: '启动',
    controlShare: '对照组比例', windowDays: '归因天数', startsAt: '开始', endsAt: '结束', cost: '成本',
    response: '活动效果', treated: '实验组', control: '对照组', conversions: '转化人数', conversionRate: '转化率',
    revenue: '收入', roi: 'ROI', conversionUplift: '转化率提升', revenueUplift: '人均收入提升',
    interval: '置信区间', daily: '每日转化', day: '日期', audience: '受众', loading: '加载中…',
    retention: '留存', funnel: '漏斗', byChannel: '按渠道', repurchaseBy: '复购维度', PRODUCT: '商品', CATEGORY: '品类',
    cohorts: '按首单月份的同期群：N 个月后再次购买的比例', cohort: '同期群', repurchase: '复购最多', repeatBuyers: '复购人数',
    repurchaseRate: '复购率', medianInterval: '复购间隔中位数（天）', days: '天', lookbackDays: '回溯天数', ordered: '按顺序',
    split: '拆分', splitNONE: '不拆分', splitCHANNEL: '按渠道', entered: '进入', bottleneck: '瓶颈', step: '步骤',
    reached: '到达', stepConversion: '上一步转化', overallConversion: '整体转化', medianMinutes: '距上一步分钟（中位数）',
    imports: '导入', entity: '文件内容', file: '文件', returnRule: '退货规则（订单）', mapping: '字段映射（JSON）', preview: '预览',
    startImport: '开始导入', chooseFile: '请先选择文件。', unusedColumns: '未使用的列', row: '行', outcome: '结果', asLoaded: '导入后',
    reason: '原因', job: '导入任务', rowsPerSecond: '行/秒', left: '剩余', rowsRead: '已读', rowsLoaded: '已导入', rowsLinked: '已关联',
    rowsDuplicate: '重复', rowsRejected: '拒绝', downloadRejects: '下载拒绝明细（CSV）',
    loyalty: '会员忠诚度', threshold: '门槛', benefits: '权益', earnRules: '积分规则', ruleType: '规则', appliesTo: '适用于',
    valid: '有效期', runAudit: '运行积分审计', pointsAudit: '积分审计：不一致的账户', auditClean: '所有积分账户与流水、积分批次一致。',
    balance: '余额', ledgerSum: '流水合计', lotsRemaining: '未用批次', deficit: '差额',
    uploadContacts: '触达名单 CSV', upload: '上传', contactsRecorded: '条触达已记录', alreadyRecorded: '条此前已记录',
    attribution: '归因', confidence: '置信水平', LAST_TOUCH: '末次触达', FIRST_TOUCH: '首次触达',
    withheldNote: '显示为 — 的数字所涉会员少于隐私下限，对你的角色不予显示。',
  },
};

let current = 'en';

export function t(key) {
  return labels[current][key] ?? key;
}

export function language() {
  return current;
}

export function toggleLanguage() {
  current = current === 'en' ? 'zh' : 'en';
  document.documentElement.lang = current === 'en' ? 'en' : 'zh-CN';
}
