// Funnel: any journey of 2 to 12 interaction types (the API's default: visit → … → review) over the scope's look-back
// window, with the conversion window, order and split (entry channel or saved segments) chosen here; each step's
// reach and conversion with the bottleneck marked; and the leads by source with how many made a first purchase.
import { h, errorBox, withheldNote } from '../dom.js';
import { t, term } from '../i18n.js';
import { businessToday, count, decimal, monthStartBefore, percent } from '../format.js';
import { chartCard } from '../charts.js';
import { ApiError, run } from '../session.js';

// The schema's InteractionType, in journey order; DEFAULT_STEPS is the API's default funnel.
const TYPES = ['VISIT', 'REGISTER', 'LOGIN', 'BROWSE', 'SEARCH', 'FAVOURITE', 'ADD_TO_CART', 'ORDER', 'PAY', 'RECEIVE',
  'REVIEW', 'INQUIRY', 'COMPLAINT', 'SURVEY_RESPONSE', 'MESSAGE_SENT', 'MESSAGE_OPENED', 'MESSAGE_CLICKED', 'REFERRAL',
  'CHECK_IN'];
const DEFAULT_STEPS = ['VISIT', 'BROWSE', 'ADD_TO_CART', 'ORDER', 'PAY'];
const MAX_STEPS = 12;
const MAX_SEGMENTS = 10;
const LEAD_SOURCES = ['JOIN_CHANNEL', 'REFERRAL', 'CAMPAIGN', 'STORE'];

export async function render(container) {
  const { data: segmentData } = await run('segmentList');
  const segments = segmentData?.segments ?? [];
  const asOf = h('input', { type: 'date', name: 'asOf', value: businessToday(), required: true });
  const lookback = h('input', { type: 'number', name: 'lookbackDays', min: 1, max: 730, value: 30 });
  const windowDays = h('input', { type: 'number', name: 'windowDays', min: 1, max: 90, value: 7 });
  const ordered = h('input', { type: 'checkbox', name: 'ordered', checked: true });
  const split = h('select', { name: 'split' }, ['NONE', 'CHANNEL', 'SEGMENT'].map((s) => h('option', { value: s }, t(`split${s}`))));
  const segmentChoice = h('select', { name: 'segmentIds', multiple: true, size: Math.min(5, Math.max(2, segments.length)) },
    segments.map((s) => h('option', { value: s.id }, s.name)));
  const segmentLabel = h('label', { hidden: true }, t('splitSegments'), segmentChoice);
  split.addEventListener('change', () => { segmentLabel.hidden = split.value !== 'SEGMENT'; });
  const steps = stepsEditor();
  const leadSource = h('select', { name: 'leadSource' }, LEAD_SOURCES.map((s) => h('option', { value: s }, t(`lead${s}`))));
  const results = h('div', {});
  const leads = h('div', {});
  const apply = async () => {
    results.replaceChildren(h('p', { class: 'muted' }, t('loading')));
    const scope = { asOf: asOf.value, lookbackDays: Number(lookback.value) };
    const chosen = [...segmentChoice.selectedOptions].map((o) => o.value);
    const [funnel, leadAnswer] = await Promise.all([
      run('funnel', {
        scope, steps: steps.value(), windowDays: Number(windowDays.value), ordered: ordered.checked, split: split.value,
        segmentIds: split.value === 'SEGMENT' ? chosen.slice(0, MAX_SEGMENTS) : null,
      }),
      run('leadConversion', { scope: { asOf: asOf.value }, from: monthStartBefore(asOf.value, 5), by: leadSource.value, windowDays: 30 }),
    ]);
    const when = `${t('asOf')} ${asOf.value}, ${lookback.value} ${t('days')}`;
    results.replaceChildren(...(funnel.data ? [withheldNote(funnel.withheld, t('withheldNote')),
      h('div', { class: 'grid' }, funnel.data.funnel.map((f, i) => funnelCard(f, i, when, segments)))]
      : [errorBox(new ApiError(funnel.errors))]).filter(Boolean));
    leads.replaceChildren(leadAnswer.data ? leadCard(leadAnswer.data.leadConversion, leadSource.value, asOf.value)
      : errorBox(new ApiError(leadAnswer.errors)));
  };
  container.replaceChildren(h('h1', {}, t('funnel')),
    h('form', { class: 'controls', onsubmit: (event) => { event.preventDefault(); apply(); } },
      h('label', {}, t('asOf'), asOf), h('label', {}, t('lookbackDays'), lookback), h('label', {}, t('conversionWindowDays'), windowDays),
      h('label', {}, t('ordered'), ordered), h('label', {}, t('split'), split), segmentLabel,
      h('label', {}, t('leadsBy'), leadSource),
      h('button', { class: 'primary', type: 'submit' }, t('apply'))),
    steps.element,
    results,
    leads);
  await apply();
}

/** The steps as a row of choices: change one, add one at the end, take one out (2 to 12, as the API allows). */
function stepsEditor() {
  const list = h('ol', { class: 'steps', dataset: { role: 'steps' } });
  const add = (type) => {
    const choice = h('select', { name: 'step' }, TYPES.map((type) => h('option', { value: type }, term(type))));
    choice.value = type;
    const remove = h('button', {
      type: 'button', class: 'link', title: t('removeStep'), dataset: { action: 'remove-step' },
      onclick: () => { if (list.children.length > 2) item.remove(); },
    }, '×');
    const item = h('li', {}, choice, remove);
    list.append(item);
  };
  DEFAULT_STEPS.forEach(add);
  const more = h('button', {
    type: 'button', class: 'secondary', dataset: { action: 'add-step' },
    onclick: () => { if (list.children.length < MAX_STEPS) add(TYPES.find((type) => !value().includes(type)) ?? 'VISIT'); },
  }, t('addStep'));
  const value = () => [...list.querySelectorAll('select')].map((s) => s.value);
  return { element: h('section', { class: 'card' }, h('h2', {}, t('steps')), list, more), value };
}

function leadCard(leads, source, asOf) {
  return chartCard({
    id: 'leads', title: `${t('leads')} · ${t(`lead${source}`)}`,
    when: `${t('asOf')} ${asOf}, ${t('firstPurchaseWithin')} ${leads.windowDays} ${t('days')}`,
    columns: [
      { key: 'period', label: t('month') },
      { key: 'source', label: t('source') },
      { key: 'leads', label: t('leads'), numeric: true, format: count },
      { key: 'converted', label: t('converted'), numeric: true, format: count },
      { key: 'conversionRate', label: t('conversionRate'), numeric: true, format: percent },
      { key: 'prospects', label: t('prospects'), numeric: true, format: count },
      { key: 'medianDaysToFirstPurchase', label: t('medianDays'), numeric: true, format: (v) => (v === null || v === undefined ? '—' : decimal(v, 1)) },
    ],
    rows: leads.rows,
    option: (rows) => {
      const sources = [...new Set(rows.map((r) => r.source))];
      const periods = [...new Set(rows.map((r) => r.period))];
      // One axis, the sources stacked: each bar is a month's leads.
      return {
        tooltip: { trigger: 'axis' },
        legend: { data: sources, type: 'scroll' },
        grid: { left: 10, right: 10, bottom: 10, top: 40, containLabel: true },
        xAxis: { type: 'category', data: periods },
        yAxis: { type: 'value' },
        series: sources.map((name) => ({
          name, type: 'bar', stack: 'leads',
          data: periods.map((p) => rows.find((r) => r.period === p && r.source === name)?.leads ?? 0),
        })),
      };
    },
  });
}

/** A step as people name it: the API answers the type's code in lower case (add_to_cart). */
function step(type) {
  return term(String(type).toUpperCase());
}

function funnelCard(funnel, index, when, segments) {
  const group = segments.find((s) => s.id === funnel.group)?.name ?? funnel.group;
  const title = `${group ?? t('everyone')} · ${t('entered')} ${count(funnel.entered)}` +
    (funnel.bottleneck ? ` · ${t('bottleneck')}: ${step(funnel.bottleneck)}` : '');
  return chartCard({
    id: `funnel-${index}`, title, when,
    columns: [
      { key: 'type', label: t('step'), format: step },
      { key: 'reached', label: t('reached'), numeric: true, format: count },
      { key: 'stepConversion', label: t('stepConversion'), numeric: true, format: percent },
      { key: 'overallConversion', label: t('overallConversion'), numeric: true, format: percent },
      { key: 'medianSecondsFromPrevious', label: t('medianMinutes'), numeric: true, format: (v) => (v === null || v === undefined ? '—' : decimal(v / 60, 1)) },
    ],
    rows: funnel.steps,
    option: (steps) => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 10, right: 10, top: 20, bottom: 10, containLabel: true },
      xAxis: { type: 'category', data: steps.map((s) => step(s.type)), axisLabel: { interval: 0, rotate: 30 } },
      yAxis: { type: 'value' },
      series: [{
        type: 'bar',
        // The bottleneck (the step that loses most) stands out in red.
        data: steps.map((s) => ({ value: s.reached, itemStyle: s.type === funnel.bottleneck ? { color: '#b91c1c' } : undefined })),
      }],
    }),
  });
}
