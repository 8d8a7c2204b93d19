// Campaigns: the list, a new campaign to a saved segment with a control group (MARKETER, ADMIN), its launch, and its
// response: treated against control, the uplifts drawn as intervals, conversions per day.
import { h, errorBox, fill, withheldNote } from '../dom.js';
import { t } from '../i18n.js';
import { businessToday, count, dayStart, decimal, money, moment, percent, pointsChange } from '../format.js';
import { chartCard } from '../charts.js';
import { ApiError, hasRole, refusals, run, upload } from '../session.js';

const CHANNELS = ['STORE', 'WEB', 'APP', 'TMALL', 'JD', 'WECHAT'];
// The API lists campaigns by id, 100 at a time: the page reads up to this many pages and shows the newest first.
const MAX_PAGES = 20;

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
    h('thead', {}, h('tr', {}, [t('campaign'), t('channel'), t('status'), t('segment'), t('audience'), t('control'), ''].map((c) => h('th', {}, c)))),
    h('tbody', {}, campaigns.map((c) => h('tr', { dataset: { campaign: c.id } },
      h('td', {}, c.name), h('td', {}, c.channel), h('td', {}, c.status), h('td', {}, c.targetSegment?.name ?? ''),
      h('td', { class: 'number' }, count(c.audienceSize)), h('td', { class: 'number' }, count(c.controlSize)),
      h('td', {}, actions(c, container, response))))));
  fill(container, h('h1', {}, t('campaigns')),
    hasRole('ADMIN', 'MARKETER') ? createForm(segmentData?.segments ?? [], container) : null,
    h('section', { class: 'card' }, list), response);
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
