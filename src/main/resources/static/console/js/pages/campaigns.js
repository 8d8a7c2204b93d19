// Campaigns: the list, a new campaign to a saved segment with a control group (MARKETER, ADMIN), its launch, and its
// response: treated against control, the uplifts drawn as intervals, conversions per day.
import { h, errorBox, escapeHtml, fill, withheldNote } from '../dom.js';
import { t, term } from '../i18n.js';
import { businessToday, count, dayStart, decimal, money, moment, percent, pointsChange } from '../format.js';
import { chartCard, leftOfTurnedLabels } from '../charts.js';
import { ApiError, hasRole, refusals, run, upload } from '../session.js';

const CHANNELS = ['STORE', 'WEB', 'APP', 'TMALL', 'JD', 'WECHAT'];
// The API lists campaigns by id, 100 at a time: the page reads up to this many pages and shows the newest first.
const MAX_PAGES = 20;
// compareCampaigns measures 1 to 20 campaigns; side by side needs two.
const MAX_COMPARED = 20;

/** Every campaign (up to MAX_PAGES pages), those starting last first. */
async function allCampaigns() {
  const campaigns = [];
  let after = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const { data, errors } = await run('campaignList', { after });
    if (!data) throw new ApiError(errors);
    campaigns.push(...data.campaigns.edges.map((e) => e.node));
    if (!data.campaigns.pageInfo.hasNextPage) break;
    after = data.campaigns.pageInfo.endCursor;
  }
  return campaigns.sort((a, b) => String(b.startsAt).localeCompare(String(a.startsAt)) || a.id.localeCompare(b.id));
}

export async function render(container) {
  const [campaigns, { data: segmentData }] = await Promise.all([allCampaigns(), run('segmentList')]);
  const response = h('div', { dataset: { role: 'response' } });
  const list = h('table', { dataset: { role: 'campaigns' } },
    h('thead', {}, h('tr', {}, ['', t('campaign'), t('channel'), t('status'), t('segment'), t('audience'), t('control'), ''].map((c) => h('th', {}, c)))),
    h('tbody', {}, campaigns.map((c) => h('tr', { dataset: { campaign: c.id } },
      // A launched campaign can be chosen for the side-by-side comparison.
      h('td', {}, c.launchedAt ? h('input', { type: 'checkbox', name: 'compare', value: c.id, 'aria-label': `${t('compare')} ${c.name}` }) : null),
      h('td', {}, c.name), h('td', {}, c.channel), h('td', { dataset: { status: c.status } }, term(c.status)),
      h('td', {}, c.targetSegment?.name ?? ''),
      h('td', { class: 'number' }, count(c.audienceSize)), h('td', { class: 'number' }, count(c.controlSize)),
      h('td', {}, actions(c, container, response))))));
  const compare = h('button', {
    class: 'secondary', type: 'button', dataset: { action: 'compare' },
    onclick: () => showComparison([...list.querySelectorAll('input[name=compare]:checked')].map((box) => box.value), response),
  }, t('compareChosen'));
  fill(container, h('h1', {}, t('campaigns')),
    hasRole('ADMIN', 'MARKETER') ? createForm(segmentData?.segments ?? [], container) : null,
    h('section', { class: 'card' }, campaigns.some((c) => c.launchedAt) ? h('p', {}, compare) : null, list), response);
}

/** The chosen launched campaigns side by side, measured alike (the API compares 2 to 20). */
async function showComparison(campaignIds, target) {
  if (campaignIds.length < 2 || campaignIds.length > MAX_COMPARED) {
    target.replaceChildren(h('p', { class: 'error', role: 'alert' }, t('chooseToCompare')));
    return;
  }
  const { data, errors, withheld } = await run('compareCampaigns', { campaignIds });
  if (!data?.compareCampaigns) {
    target.replaceChildren(errorBox(new ApiError(errors)));
    return;
  }
  const points = (v) => pointsChange(v, 0);
  const rows = data.compareCampaigns.map((r) => ({
    id: r.campaign.id, campaign: r.campaign.name, treated: r.treated, control: r.control, conversions: r.conversions,
    conversionRate: r.conversionRate, difference: r.conversionUplift?.difference, lower: r.conversionUplift?.lower,
    upper: r.conversionUplift?.upper, pValue: r.conversionUplift?.pValue, revenue: r.revenue, cost: r.cost, roi: r.roi,
  }));
  fill(target, h('h1', {}, t('compared')), withheldNote(withheld, t('withheldNote')),
    chartCard({
      id: 'compare', title: `${t('conversionUplift')} (95% ${t('interval')})`, when: `${t('attribution')}: ${t('LAST_TOUCH')}`,
      columns: [
        { key: 'campaign', label: t('campaign') },
        { key: 'treated', label: t('treated'), numeric: true, format: count },
        { key: 'control', label: t('control'), numeric: true, format: count },
        { key: 'conversions', label: t('conversions'), numeric: true, format: count },
        { key: 'conversionRate', label: t('conversionRate'), numeric: true, format: percent },
        { key: 'difference', label: 'Δ', numeric: true, format: points },
        { key: 'lower', label: '−', numeric: true, format: points },
        { key: 'upper', label: '+', numeric: true, format: points },
        { key: 'pValue', label: 'p', numeric: true, format: (v) => decimal(v, 3) },
        { key: 'revenue', label: t('revenue'), numeric: true, format: money },
        { key: 'cost', label: t('cost'), numeric: true, format: money },
        { key: 'roi', label: t('roi'), numeric: true, format: (v) => decimal(v) },
      ],
      rows,
      option: upliftIntervals,
    }));
}

/**
 * Each campaign's conversion uplift as a box from the interval's lower to its upper bound, the estimate marked and
 * zero drawn: a box clear of zero is an effect the data can tell from noise. A withheld uplift is left out.
 */
function upliftIntervals(rows) {
  const points = (v) => pointsChange(v, 0);
  const known = (r) => r.lower !== null && r.lower !== undefined;
  return {
    tooltip: {
      trigger: 'axis',
      formatter: (items) => {
        const r = rows[items[0].dataIndex];
        const name = escapeHtml(r.campaign);
        return known(r) ? `${name}<br>Δ ${points(r.difference)} (${points(r.lower)} … ${points(r.upper)})` : name;
      },
    },
    grid: { left: leftOfTurnedLabels(rows.map((r) => r.campaign)), right: 20, top: 20, bottom: 10, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => r.campaign), axisLabel: { interval: 0, rotate: 30 } },
    yAxis: { type: 'value', scale: true, axisLabel: { formatter: points } },
    series: [
      {
        type: 'candlestick', data: rows.map((r) => (known(r) ? [r.lower, r.upper, r.lower, r.upper] : '-')),
        itemStyle: { color: '#c7d2fe', borderColor: '#6366f1', color0: '#c7d2fe', borderColor0: '#6366f1' },
        markLine: { symbol: 'none', silent: true, data: [{ yAxis: 0 }], lineStyle: { type: 'dashed' } },
      },
      { type: 'scatter', data: rows.map((r) => (known(r) ? r.difference : '-')), symbolSize: 12 },
    ],
  };
}

function actions(campaign, container, response) {
  if (campaign.status === 'DRAFT') {
    return hasRole('ADMIN', 'MARKETER') ? h('button', {
      class: 'secondary', type: 'button', dataset: { action: 'launch' }, onclick: async () => {
        const { data, errors } = await run('launchCampaign', { campaignId: campaign.id });
        const refused = refusals({ data, errors }, 'launchCampaign');
        if (refused.length) response.replaceChildren(errorBox(new Error(refused.map((e) => e.message).join('\n'))));
        else await render(container);
      },
    }, t('launch')) : null;
  }
  if (!campaign.launchedAt) {
    // A campaign of the history that was never launched here (the demo's, an imported one) has no audience to measure.
    return h('span', { class: 'muted', dataset: { role: 'never-launched' } }, t('neverLaunched'));
  }
  const responseButton = h('button', { class: 'secondary', type: 'button', dataset: { action: 'response' }, onclick: () => showResponse(campaign, response) }, t('response'));
  return hasRole('ADMIN', 'MARKETER') ? h('span', {}, responseButton, ' ', contactsUpload(campaign, response)) : responseButton;
}

/** Contacts (memberId,kind[,at][,channel]) from the messaging tool's CSV, recorded all or nothing. */
function contactsUpload(campaign, response) {
  const file = h('input', { type: 'file', name: 'contacts', accept: '.csv,text/csv', 'aria-label': t('uploadContacts') });
  return h('label', { class: 'upload' }, t('uploadContacts'), file, h('button', {
    class: 'secondary', type: 'button', dataset: { action: 'contacts' }, onclick: async () => {
      if (!file.files.length) return;
      const answer = await upload(`/api/campaigns/${campaign.id}/contacts`, file.files[0], 'text/csv');
      response.replaceChildren(answer.status === 200
        ? h('p', { role: 'status', dataset: { role: 'contacts-recorded', value: answer.body.recorded } },
          `${campaign.name}: ${count(answer.body.recorded)} ${t('contactsRecorded')}, ${count(answer.body.alreadyRecorded)} ${t('alreadyRecorded')}`)
        : errorBox(new Error(answer.body.field ? `${answer.body.field}: ${answer.body.reason}` : answer.body.reason ?? answer.status)));
    },
  }, t('upload')));
}

function createForm(segments, container) {
  const today = businessToday();
  const field = (key, input) => h('label', {}, t(key), input);
  const name = h('input', { name: 'campaignName', required: true, maxlength: 100 });
  const channel = h('select', { name: 'channel' }, CHANNELS.map((c) => h('option', { value: c }, c)));
  const segment = h('select', { name: 'targetSegmentId', required: true }, segments.map((s) => h('option', { value: s.id }, s.name)));
  const share = h('input', { name: 'controlGroupShare', type: 'number', min: 0, max: 0.5, step: 0.01, value: 0.1 });
  const window = h('input', { name: 'attributionWindowDays', type: 'number', min: 1, max: 90, value: 7 });
  const starts = h('input', { name: 'startsAt', type: 'date', value: today, required: true });
  const ends = h('input', { name: 'endsAt', type: 'date', required: true });
  const cost = h('input', { name: 'cost', inputmode: 'decimal' });
  const outcome = h('p', { role: 'status' });
  return h('form', {
    class: 'card form', onsubmit: async (event) => {
      event.preventDefault();
      const input = {
        name: name.value, channel: channel.value, targetSegmentId: segment.value,
        controlGroupShare: Number(share.value), attributionWindowDays: Number(window.value),
        startsAt: dayStart(starts.value), endsAt: dayStart(ends.value), cost: cost.value || null,
      };
      const { data, errors } = await run('createCampaign', { input });
      const refused = refusals({ data, errors }, 'createCampaign');
      if (refused.length) {
        outcome.className = 'error';
        outcome.textContent = refused.map((e) => e.message).join('\n');
      } else {
        await render(container);
      }
    },
  }, field('name', name), field('channel', channel), field('segment', segment), field('controlShare', share),
  field('windowDays', window), field('startsAt', starts), field('endsAt', ends), field('cost', cost),
  h('button', { class: 'primary', type: 'submit' }, t('create')), outcome);
}

async function showResponse(campaign, target, attribution = 'LAST_TOUCH', confidence = 0.95) {
  const { data, errors, withheld } = await run('campaignResponse', { campaignId: campaign.id, attribution, confidence });
  if (!data?.campaignResponse) {
    target.replaceChildren(errorBox(new ApiError(errors)));
    return;
  }
  const r = data.campaignResponse;
  const when = `${moment(r.measuredFrom)} – ${moment(r.measuredUntil)}`;
  const figures = [
    ['treated', t('treated'), count], ['control', t('control'), count], ['conversions', t('conversions'), count],
    ['conversionRate', t('conversionRate'), percent], ['revenue', t('revenue'), money], ['cost', t('cost'), money],
    ['roi', t('roi'), (v) => decimal(v)],
  ];
  const attributionChoice = h('select', { name: 'attribution', onchange: () => showResponse(campaign, target, attributionChoice.value, Number(confidenceChoice.value)) },
    ['LAST_TOUCH', 'FIRST_TOUCH'].map((a) => h('option', { value: a, selected: a === attribution }, t(a))));
  const confidenceChoice = h('select', { name: 'confidence', onchange: () => showResponse(campaign, target, attributionChoice.value, Number(confidenceChoice.value)) },
    [0.9, 0.95, 0.99].map((c) => h('option', { value: c, selected: c === confidence }, `${c * 100}%`)));
  fill(target, h('h1', {}, `${t('response')} · ${campaign.name}`),
    h('div', { class: 'controls' }, h('label', {}, t('attribution'), attributionChoice), h('label', {}, t('confidence'), confidenceChoice)),
    withheldNote(withheld, t('withheldNote')),
    h('div', { class: 'tiles', dataset: { card: 'response' } }, figures.map(([key, label, format]) =>
      h('div', { class: 'tile', dataset: { kpi: key, value: r[key] ?? '' } }, h('div', { class: 'label' }, label), h('div', { class: 'value' }, format(r[key]))))),
    h('div', { class: 'grid' },
      upliftCard('conversionUplift', t('conversionUplift'), r.conversionUplift, r.confidence, when, percent,
        (v) => pointsChange(v, 0)),
      upliftCard('revenueUplift', t('revenueUplift'), r.revenueUplift, r.confidence, when, money),
      chartCard({
        id: 'daily', title: t('daily'), when,
        columns: [
          { key: 'day', label: t('day') },
          { key: 'conversions', label: t('conversions'), numeric: true, format: count },
          { key: 'treatedBuyingShare', label: t('treated'), numeric: true, format: percent },
          { key: 'controlBuyingShare', label: t('control'), numeric: true, format: percent },
        ],
        rows: r.daily,
        option: buyingShares,
      })));
}

/**
 * Each group's share of members who have bought since the launch, day by day: the gap between the lines is the
 * uplift as it built up. ECharts leaves out the day labels that would overlap.
 */
function buyingShares(days) {
  const line = (name, key) => ({ name, type: 'line', data: days.map((d) => d[key]), showSymbol: false });
  return {
    tooltip: { trigger: 'axis', valueFormatter: percent },
    legend: { data: [t('treated'), t('control')] },
    grid: { left: 10, right: 20, bottom: 10, top: 40, containLabel: true },
    xAxis: { type: 'category', data: days.map((d) => d.day) },
    yAxis: { type: 'value', axisLabel: { formatter: (v) => percent(v) } },
    series: [line(t('treated'), 'treatedBuyingShare'), line(t('control'), 'controlBuyingShare')],
  };
}

/**
 * An uplift as its interval: a bar from the lower to the upper bound, the estimate marked, zero drawn. The groups'
 * figures read in `format`, the difference and its bounds in `differenceFormat` (of two shares, in points).
 */
function upliftCard(id, title, uplift, confidence, when, format, differenceFormat = format) {
  const rows = uplift ? [{ measure: title, ...uplift }] : [];
  return chartCard({
    id, title: `${title} (${Math.round(confidence * 100)}% ${t('interval')})`, when,
    columns: [
      { key: 'treated', label: t('treated'), numeric: true, format },
      { key: 'control', label: t('control'), numeric: true, format },
      { key: 'difference', label: 'Δ', numeric: true, format: differenceFormat },
      { key: 'lower', label: '−', numeric: true, format: differenceFormat },
      { key: 'upper', label: '+', numeric: true, format: differenceFormat },
      { key: 'pValue', label: 'p', numeric: true, format: (v) => decimal(v, 3) },
    ],
    rows,
    option: uplift ? () => ({
      grid: { left: 20, right: 30, top: 30, bottom: 20, containLabel: true },
      tooltip: { valueFormatter: differenceFormat },
      xAxis: { type: 'value', scale: true, axisLabel: { formatter: (v) => differenceFormat(v) } },
      yAxis: { type: 'category', data: [''], show: false },
      series: [
        { type: 'line', data: [[uplift.lower, ''], [uplift.upper, '']], lineStyle: { width: 10, opacity: 0.35 }, symbol: 'none',
          markLine: { symbol: 'none', data: [{ xAxis: 0 }], lineStyle: { type: 'dashed' } } },
        { type: 'scatter', data: [[uplift.difference, '']], symbolSize: 14 },
      ],
    }) : null,
  });
}
