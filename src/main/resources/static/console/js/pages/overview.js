// Overview: the month's sales KPIs (with the previous period and last year), RFM segments, lifecycle stages and the
// moves between them, the value matrix, members by tier and province (with a map), and churn bands, for one scope
// chosen at the top (as-of day, period, channel, store, tier, province, saved segment) and shared by every chart.
import { h, errorBox, withheldNote } from '../dom.js';
import { t, term } from '../i18n.js';
import { businessToday, change, count, daysBefore, money, percent, pointsChange, decimal } from '../format.js';
import { bars, chartCard } from '../charts.js';
import { ApiError, run } from '../session.js';

const CHANNELS = ['STORE', 'WEB', 'APP', 'TMALL', 'JD', 'WECHAT'];

// The scope survives moving between pages (not a reload): the as-of day defaults to the business's today.
const scope = { asOf: null, channel: '', segmentId: '', period: 'MONTH_TO_DATE', tier: '', province: '', storeId: '' };
// How far back the lifecycle moves are counted from.
const TRANSITION_DAYS = 90;
const STAGES = ['NOT_JOINED', 'PROSPECT', 'NEW', 'ACTIVE', 'AT_RISK', 'LAPSED', 'CHURNED'];

// The KPI period: the month up to the as-of day (compared with the whole previous month, as the API defines it), or
// the last complete month before it (a like-for-like comparison early in a month).
const PERIODS = ['MONTH_TO_DATE', 'LAST_FULL_MONTH'];

/** The documents the overview runs as soon as it opens (fetched ahead while the user signs in). */
export const firstDocuments = ['segmentList', 'tierCodes', 'overview', 'overviewCustomers', 'overviewMoves', 'overviewBase'];

export async function render(container) {
  if (!scope.asOf) {
    scope.asOf = businessToday();
  }
  // The figures do not wait for the lists of segments and tiers: those only fill the choices, which until then
  // hold the scope's own value so that applying early keeps it.
  const lists = Promise.all([run('segmentList'), run('tierCodes')]);
  const current = (value) => (value ? h('option', { value, selected: true }, value) : null);
  const asOf = h('input', { type: 'date', name: 'asOf', value: scope.asOf, required: true });
  const channel = h('select', { name: 'channel' }, h('option', { value: '' }, t('allChannels')),
    CHANNELS.map((c) => h('option', { value: c, selected: c === scope.channel }, c)));
  const period = h('select', { name: 'period' },
    PERIODS.map((p) => h('option', { value: p, selected: p === scope.period }, t(p))));
  const segment = h('select', { name: 'segmentId' }, h('option', { value: '' }, t('everyone')), current(scope.segmentId));
  const tier = h('select', { name: 'tier' }, h('option', { value: '' }, t('allTiers')), current(scope.tier));
  const provinces = h('datalist', { id: 'overview-provinces' });
  const province = h('input', { name: 'province', list: 'overview-provinces', value: scope.province, size: 8, placeholder: t('allProvinces') });
  const store = h('input', { name: 'storeId', value: scope.storeId, size: 8, placeholder: t('allStores') });
  const results = h('div', {});
  const apply = async () => {
    scope.asOf = asOf.value;
    scope.channel = channel.value;
    scope.segmentId = segment.value;
    scope.period = period.value;
    scope.tier = tier.value;
    scope.province = province.value.trim();
    scope.storeId = store.value.trim();
    results.replaceChildren(h('p', { class: 'muted' }, t('loading')));
    try {
      await showFigures(results, provinces);
    } catch (error) {
      results.replaceChildren(errorBox(error));
    }
  };
  container.replaceChildren(
    h('h1', {}, t('overview')),
    h('form', { class: 'controls', onsubmit: (event) => { event.preventDefault(); apply(); } },
      h('label', {}, t('asOf'), asOf), h('label', {}, t('kpiPeriod'), period), h('label', {}, t('channel'), channel),
      h('label', {}, t('storeId'), store), h('label', {}, t('tier'), tier), h('label', {}, t('province'), province, provinces),
      h('label', {}, t('segment'), segment),
      h('button', { class: 'primary', type: 'submit' }, t('apply'))),
    results);
  const figures = apply();
  const [{ data: segmentData }, { data: tierData }] = await lists;
  // The user may have changed a choice meanwhile: what is chosen now stays chosen.
  const chosenSegment = segment.value;
  const chosenTier = tier.value;
  segment.replaceChildren(h('option', { value: '' }, t('everyone')),
    (segmentData?.segments ?? []).map((s) => h('option', { value: s.id, selected: s.id === chosenSegment }, s.name)));
  tier.replaceChildren(h('option', { value: '' }, t('allTiers')),
    [...(tierData?.tiers ?? [])].sort((a, b) => a.rank - b.rank)
      .map((tr) => h('option', { value: tr.code, selected: tr.code === chosenTier }, tr.name)));
  await figures;
}

/**
 * Asks for the four groups of figures side by side (the service answers them on separate threads) and draws each
 * group's cards as soon as its answer arrives, in fixed places: the first chart does not wait for the slowest.
 */
async function showFigures(results, provinceChoices) {
  const filters = {
    channel: scope.channel || null, segmentId: scope.segmentId || null, tier: scope.tier || null,
    province: scope.province || null, storeId: scope.storeId || null,
  };
  const monthStart = scope.asOf.slice(0, 8) + '01';
  const kpiEnd = scope.period === 'LAST_FULL_MONTH' ? daysBefore(monthStart, 1) : scope.asOf;
  const scoped = { asOf: scope.asOf, ...filters };
  const when = `${t('asOf')} ${scope.asOf}`;
  const note = h('div', {});
  const slot = () => h('div', { class: 'slot' });
  const [kpis, customers, moves, base] = [h('div', {}), slot(), slot(), slot()];
  results.replaceChildren(note, kpis, h('div', { class: 'grid' }, customers, moves, base));
  const withheld = [];
  const fill = (target, answer, cards) => {
    withheld.push(...answer.withheld);
    note.replaceChildren(...[withheldNote(withheld, t('withheldNote'))].filter(Boolean));
    if (!answer.data) {
      target.replaceChildren(errorBox(new ApiError(answer.errors)));
      return;
    }
    target.replaceChildren(...[answer.errors.length ? errorBox(new ApiError(answer.errors)) : null,
      ...cards(answer.data)].filter(Boolean));
  };
  await Promise.all([
    run('overview', { kpiScope: { asOf: kpiEnd, ...filters }, from: kpiEnd.slice(0, 8) + '01' }).then((answer) =>
      fill(kpis, answer, (data) => {
        const row = data.salesKpis.rows[data.salesKpis.rows.length - 1];
        return row ? [kpiTiles(row, `${t(scope.period)} ${row.start} – ${kpiEnd}`, scope.period === 'MONTH_TO_DATE')] : [];
      })),
    run('overviewCustomers', { scope: scoped }).then((answer) => fill(customers, answer, (data) => [
      rfmCard(data.rfm, when), lifecycleCard(data.lifecycle, when)])),
    run('overviewMoves', { scope: scoped, fromDate: daysBefore(scope.asOf, TRANSITION_DAYS) }).then((answer) =>
      fill(moves, answer, (data) => [transitionsCard(data.lifecycleTransitions, when), valueMatrixCard(data.valueMatrix, when)])),
    run('overviewBase', { scope: scoped }).then((answer) => fill(base, answer, (data) => {
      provinceChoices.replaceChildren(...data.memberBase.provinces.map((p) => h('option', { value: p.key })));
      return [tiersCard(data.memberBase, when), provincesCard(data.memberBase, when), provinceMap(data.memberBase.provinces, when),
        churnCard(data.churnBands)];
    })),
  ]);
}

function rfmCard(rfm, when) {
  return chartCard({
    id: 'rfm', title: t('rfmSegments'), when,
    columns: [
      { key: 'segment', label: 'RFM', format: term },
      { key: 'members', label: t('membersCount'), numeric: true, format: count },
      { key: 'spend', label: t('spend'), numeric: true, format: money },
      { key: 'memberShare', label: t('share'), numeric: true, format: percent },
    ],
    rows: rfm.segments,
    option: (rows) => bars(rows.map((r) => term(r.segment)), [
      { name: t('membersCount'), data: rows.map((r) => r.members) },
      { name: t('spend'), data: rows.map((r) => (r.spend === null ? null : Number(r.spend))) },
    ]),
  });
}

function lifecycleCard(lifecycle, when) {
  return chartCard({
    id: 'lifecycle', title: t('lifecycle'), when,
    columns: [
      { key: 'stage', label: t('stage'), format: term },
      { key: 'members', label: t('membersCount'), numeric: true, format: count },
      { key: 'share', label: t('share'), numeric: true, format: percent },
    ],
    rows: lifecycle.stages,
    option: (rows) => bars(rows.map((r) => term(r.stage)), [{ name: t('membersCount'), data: rows.map((r) => r.members) }]),
  });
}

function tiersCard(memberBase, when) {
  return chartCard({
    id: 'tiers', title: t('tiers'), when,
    columns: [
      { key: 'key', label: t('tier') },
      { key: 'members', label: t('membersCount'), numeric: true, format: count },
      { key: 'buyers', label: t('customers'), numeric: true, format: count },
      { key: 'spend', label: t('spend'), numeric: true, format: money },
    ],
    rows: memberBase.tiers,
    option: (rows) => bars(rows.map((r) => r.key), [{ name: t('membersCount'), data: rows.map((r) => r.members) }]),
  });
}

function provincesCard(memberBase, when) {
  return chartCard({
    id: 'provinces', title: t('provinces'), when,
    columns: [
      { key: 'key', label: t('province') },
      { key: 'members', label: t('membersCount'), numeric: true, format: count },
      { key: 'spend', label: t('spend'), numeric: true, format: money },
    ],
    rows: [...memberBase.provinces].sort((a, b) => (b.members ?? 0) - (a.members ?? 0)).slice(0, 10),
    option: (rows) => bars(rows.map((r) => r.key), [{ name: t('membersCount'), data: rows.map((r) => r.members) }]),
  });
}

function churnCard(churnBands) {
  // Before any scoring the bands are there, each of no member: a chart of zeros would read as "no one at risk".
  if (churnBands.every((band) => band.members === 0)) {
    return h('section', { class: 'card', dataset: { card: 'churnBands' } }, h('h2', {}, t('churnBands')), h('p', { class: 'muted' }, t('noModel')));
  }
  return chartCard({
    id: 'churnBands', title: t('churnBands'), when: '',
    columns: [
      { key: 'band', label: t('band'), format: term },
      { key: 'members', label: t('membersCount'), numeric: true, format: count },
      { key: 'clv', label: t('clvTotal'), numeric: true, format: (v) => decimal(v) },
      { key: 'clvPerMember', label: t('clv'), numeric: true, format: (v) => decimal(v) },
    ],
    // The API gives each band's lifetime value as a total; a member's is that over the band's members.
    rows: churnBands.map((band) => ({ ...band, clvPerMember: band.members ? band.clv / band.members : null })),
    option: (rows) => bars(rows.map((r) => term(r.band)), [{ name: t('membersCount'), data: rows.map((r) => r.members) }]),
  });
}

/**
 * Members by province on a map of China (every province, not only the top 10), shaded by members; the table view
 * lists them all. The outline is ECharts 4's map of China, unpacked into the console at build time (maps/china.json);
 * its province names are the short ones members keep (广东, 内蒙古).
 */
function provinceMap(provinces, when) {
  const rows = [...provinces].sort((a, b) => (b.members ?? 0) - (a.members ?? 0));
  return chartCard({
    id: 'provinceMap', title: t('provinceMap'), when,
    columns: [
      { key: 'key', label: t('province') },
      { key: 'members', label: t('membersCount'), numeric: true, format: count },
      { key: 'buyers', label: t('customers'), numeric: true, format: count },
      { key: 'spend', label: t('spend'), numeric: true, format: money },
    ],
    rows,
    option: (shown) => ({
      tooltip: { trigger: 'item' },
      visualMap: { min: 0, max: Math.max(1, ...shown.map((r) => r.members ?? 0)), calculable: true, left: 10, bottom: 10 },
      series: [{ type: 'map', map: 'china', name: t('membersCount'), data: shown.map((r) => ({ name: r.key, value: r.members })) }],
    }),
    ready: chinaMap,
  });
}

let chinaMapLoaded = null;

/** Fetched and registered with ECharts once per page load. */
function chinaMap() {
  chinaMapLoaded ??= fetch('maps/china.json').then((response) => {
    if (!response.ok) throw new Error(`maps/china.json: ${response.status}`);
    return response.json();
  }).then((geo) => window.echarts.registerMap('china', geo));
  return chinaMapLoaded;
}

/** Members by their stage on the earlier day (rows) and on the as-of day (columns), as a heat map. */
function transitionsCard(transitions, when) {
  const stages = STAGES.filter((stage) => transitions.cells.some((c) => c.from === stage || c.to === stage));
  return chartCard({
    id: 'transitions', title: t('transitions'), when: `${transitions.fromDate} → ${when}`,
    columns: [
      { key: 'from', label: t('fromStage'), format: term },
      { key: 'to', label: t('toStage'), format: term },
      { key: 'members', label: t('membersCount'), numeric: true, format: count },
    ],
    rows: transitions.cells,
    option: (cells) => ({
      tooltip: { position: 'top' },
      grid: { left: 10, right: 10, top: 10, bottom: 60, containLabel: true },
      xAxis: { type: 'category', data: stages.map(term), name: t('toStage'), axisLabel: { rotate: 30 } },
      yAxis: { type: 'category', data: stages.map(term), name: t('fromStage') },
      visualMap: { min: 0, max: Math.max(1, ...cells.map((c) => c.members ?? 0)), orient: 'horizontal', left: 'center', bottom: 0, calculable: true },
      series: [{
        type: 'heatmap', label: { show: true },
        data: cells.filter((c) => c.members !== null).map((c) => [stages.indexOf(c.to), stages.indexOf(c.from), c.members]),
      }],
    }),
  });
}

/** Buyers by average order value and frequency against the references (the means unless set), four quadrants. */
function valueMatrixCard(matrix, when) {
  const reference = matrix.aovReference === null ? ''
    : ` · ${t('aov')} ≥ ${money(matrix.aovReference)}, ${t('orders')} ≥ ${decimal(matrix.frequencyReference, 1)}`;
  return chartCard({
    id: 'valueMatrix', title: t('valueMatrix'), when: `${when}${reference}`,
    columns: [
      { key: 'type', label: t('valueType'), format: term },
      { key: 'members', label: t('membersCount'), numeric: true, format: count },
      { key: 'orders', label: t('orders'), numeric: true, format: count },
      { key: 'spend', label: t('spend'), numeric: true, format: money },
      { key: 'memberShare', label: t('share'), numeric: true, format: percent },
      { key: 'spendShare', label: t('spendShare'), numeric: true, format: percent },
    ],
    rows: matrix.quadrants,
    option: (rows) => bars(rows.map((r) => term(r.type)), [
      { name: t('membersCount'), data: rows.map((r) => r.members) },
      { name: t('spend'), data: rows.map((r) => r.spend) },
    ]),
  });
}

// A month under way compares with the same days of the months it is compared with, not with their whole: on the 7th,
// a whole previous month would always look far ahead.
function kpiTiles(row, when, toDate) {
  const [vsPrevious, vsLastYear] = toDate ? [t('vsPreviousToDate'), t('vsLastYearToDate')] : [t('vsPrevious'), t('vsLastYear')];
  const tiles = [
    ['gmv', t('gmv'), money], ['orders', t('orders'), count], ['aov', t('aov'), money],
    ['refundRateByAmount', t('refundRate'), percent, pointsChange], ['newCustomers', t('newCustomers'), count],
    ['returningCustomers', t('returningCustomers'), count],
  ];
  return h('section', { class: 'tiles-wrap', dataset: { card: 'kpis' } },
    h('p', { class: 'when' }, when),
    h('div', { class: 'tiles' }, tiles.map(([key, label, format, compare = change]) => h('div', { class: 'tile', dataset: { kpi: key, value: row.figures[key] ?? '', previous: row.previousToDate[key] ?? '' } },
      h('div', { class: 'label' }, label),
      h('div', { class: 'value' }, format(row.figures[key])),
      h('div', { class: 'compare' }, `${vsPrevious} ${compare(row.figures[key], row.previousToDate[key]) || '—'} · ${vsLastYear} ${compare(row.figures[key], row.lastYearToDate[key]) || '—'}`)))));
}
