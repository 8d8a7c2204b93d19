// Retention and repurchase: the cohort triangle as a heat map (share of each first-order month's members buying
// again in each later month), optionally by acquisition channel, and the items bought again most.
import { h, errorBox, escapeHtml, fill, withheldNote } from '../dom.js';
import { t } from '../i18n.js';
import { businessToday, count, decimal, monthStartBefore, percent } from '../format.js';
import { bars, chartCard } from '../charts.js';
import { ApiError, hasRole, run } from '../session.js';

export async function render(container) {
  const asOf = h('input', { type: 'date', name: 'asOf', value: businessToday(), required: true });
  const byChannel = h('input', { type: 'checkbox', name: 'byChannel' });
  const dimension = h('select', { name: 'dimension' }, ['PRODUCT', 'CATEGORY'].map((d) => h('option', { value: d }, t(d))));
  const results = h('div', {});
  const apply = async () => {
    results.replaceChildren(h('p', { class: 'muted' }, t('loading')));
    try {
      results.replaceChildren(...(await figures(asOf.value, byChannel.checked, dimension.value)).filter(Boolean));
    } catch (error) {
      results.replaceChildren(errorBox(error));
    }
  };
  fill(container, h('h1', {}, t('retention')),
    h('form', { class: 'controls', onsubmit: (event) => { event.preventDefault(); apply(); } },
      h('label', {}, t('asOf'), asOf), h('label', {}, t('byChannel'), byChannel), h('label', {}, t('repurchaseBy'), dimension),
      h('button', { class: 'primary', type: 'submit' }, t('apply'))),
    results,
    hasRole('ADMIN', 'CRM_SPECIALIST') ? dueToBuy() : null);
  await apply();
}

/** CRM: the members whose predicted next purchase falls within the days chosen (from the latest scoring run). */
function dueToBuy() {
  const within = h('input', { type: 'number', name: 'withinDays', min: 0, max: 365, value: 14 });
  const list = h('div', {});
  const show = async () => {
    const { data, errors } = await run('membersDueToBuy', { withinDays: Number(within.value) });
    list.replaceChildren(!data ? errorBox(new ApiError(errors))
      : data.membersDueToBuy.length === 0 ? h('p', { class: 'muted', dataset: { role: 'none-due' } }, t('noneDue'))
        : chartCard({
          id: 'dueToBuy', title: t('dueToBuy'), when: `${within.value} ${t('days')}`,
          columns: [
            { key: 'memberId', label: t('memberId') },
            { key: 'nextPurchaseDate', label: t('nextPurchase') },
            { key: 'lastPurchaseDate', label: t('lastPurchase') },
            { key: 'probabilityAlive', label: t('pAlive'), numeric: true, format: percent },
            { key: 'clv', label: 'CLV', numeric: true, format: (v) => decimal(v) },
          ],
          rows: data.membersDueToBuy,
          option: null,
        }));
  };
  const section = h('section', { class: 'card' }, h('h2', {}, t('dueToBuy')),
    h('form', { class: 'controls', onsubmit: (event) => { event.preventDefault(); show(); } },
      h('label', {}, t('withinDays'), within), h('button', { class: 'secondary', type: 'submit', dataset: { action: 'due' } }, t('apply'))),
    list);
  return section;
}

async function figures(asOf, byChannel, dimension) {
  const variables = { scope: { asOf }, from: monthStartBefore(asOf, 11).slice(0, 7), to: asOf.slice(0, 7), byChannel, dimension };
  const { data, errors, withheld } = await run('retention', variables);
  if (!data) throw new ApiError(errors);
  const cohorts = data.cohortRetention.cohorts;
  const label = (c) => (c.channel ? `${c.month} ${c.channel}` : c.month);
  const offsets = Math.max(0, ...cohorts.map((c) => (c.rates ?? []).length));
  const when = `${t('asOf')} ${asOf}`;
  const rows = cohorts.map((c) => {
    const row = { cohort: label(c), size: c.size };
    (c.rates ?? []).forEach((rate, i) => { row[`m${i}`] = rate; });
    return row;
  });
  return [
    withheldNote(withheld, t('withheldNote')),
    chartCard({
      id: 'cohorts', title: t('cohorts'), when,
      columns: [{ key: 'cohort', label: t('cohort') }, { key: 'size', label: t('membersCount'), numeric: true, format: count }]
        .concat([...Array(offsets).keys()].map((i) => ({ key: `m${i}`, label: `+${i}`, numeric: true, format: percent }))),
      rows,
      option: (all) => ({
        tooltip: { formatter: (p) => `${escapeHtml(all[p.value[1]].cohort)} +${p.value[0]}: ${percent(p.value[2])}` },
        grid: { left: 10, right: 10, top: 10, bottom: 60, containLabel: true },
        xAxis: { type: 'category', data: [...Array(offsets).keys()].map((i) => `+${i}`) },
        yAxis: { type: 'category', data: all.map((r) => r.cohort), inverse: true },
        visualMap: { min: 0, max: 1, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, formatter: (v) => percent(v) },
        series: [{
          type: 'heatmap',
          data: all.flatMap((r, y) => [...Array(offsets).keys()].filter((x) => r[`m${x}`] !== undefined && r[`m${x}`] !== null)
            .map((x) => [x, y, r[`m${x}`]])),
          label: { show: offsets <= 13, formatter: (p) => (p.value[2] * 100).toFixed(0) },
        }],
      }),
    }),
    chartCard({
      id: 'repurchase', title: `${t('repurchase')} (${t(dimension)})`, when,
      columns: [
        { key: 'key', label: t(dimension) },
        { key: 'buyers', label: t('customers'), numeric: true, format: count },
        { key: 'repeatBuyers', label: t('repeatBuyers'), numeric: true, format: count },
        { key: 'rate', label: t('repurchaseRate'), numeric: true, format: percent },
        { key: 'medianInterval', label: t('medianInterval'), numeric: true, format: (v) => decimal(v, 1) },
      ],
      rows: data.repurchase.top,
      option: (all) => bars(all.map((r) => r.key), [{ name: t('repurchaseRate'), data: all.map((r) => r.rate) }]),
    }),
    intervals(data.repurchase.top, when),
  ];
}

/** Days between one item's repeat purchases as a histogram, for the item chosen among the top ones. */
function intervals(top, when) {
  const holder = h('div', { class: 'slot' });
  if (top.length === 0) return holder;
  const item = h('select', { name: 'intervalItem' }, top.map((r) => h('option', { value: r.key }, r.key)));
  const card = () => {
    const chosen = top.find((r) => r.key === item.value) ?? top[0];
    const rows = chosen.histogram.map((b) => ({ ...b, days: b.toDays === null ? `${b.fromDays}+` : `${b.fromDays}–${b.toDays}` }));
    const shown = chartCard({
      id: 'intervals', title: `${t('intervalsOf')} ${chosen.key}`,
      when: `${when} · ${t('medianInterval')} ${chosen.medianInterval === null ? '—' : decimal(chosen.medianInterval, 1)}`,
      columns: [
        { key: 'days', label: t('daysBetween') },
        { key: 'intervals', label: t('intervalsCount'), numeric: true, format: count },
      ],
      rows,
      option: (all) => bars(all.map((r) => r.days), [{ name: t('intervalsCount'), data: all.map((r) => r.intervals) }]),
    });
    shown.querySelector('header').append(item);
    holder.replaceChildren(shown);
  };
  item.addEventListener('change', card);
  card();
  return holder;
}
