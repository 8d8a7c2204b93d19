// Funnel: the default journey (visit → … → review) over the scope's look-back window with the conversion window and
// split chosen here; each step's reach and conversion, the bottleneck marked.
import { h, errorBox, withheldNote } from '../dom.js';
import { t } from '../i18n.js';
import { businessToday, count, decimal, percent } from '../format.js';
import { chartCard } from '../charts.js';
import { ApiError, run } from '../session.js';

export async function render(container) {
  const asOf = h('input', { type: 'date', name: 'asOf', value: businessToday(), required: true });
  const lookback = h('input', { type: 'number', name: 'lookbackDays', min: 1, max: 730, value: 30 });
  const windowDays = h('input', { type: 'number', name: 'windowDays', min: 1, max: 90, value: 7 });
  const ordered = h('input', { type: 'checkbox', name: 'ordered', checked: true });
  const split = h('select', { name: 'split' }, ['NONE', 'CHANNEL'].map((s) => h('option', { value: s }, t(`split${s}`))));
  const results = h('div', {});
  const apply = async () => {
    results.replaceChildren(h('p', { class: 'muted' }, t('loading')));
    const variables = {
      scope: { asOf: asOf.value, lookbackDays: Number(lookback.value) },
      windowDays: Number(windowDays.value), ordered: ordered.checked, split: split.value,
    };
    const { data, errors, withheld } = await run('funnel', variables);
    if (!data) {
      results.replaceChildren(errorBox(new ApiError(errors)));
      return;
    }
    const when = `${t('asOf')} ${asOf.value}, ${lookback.value} ${t('days')}`;
    results.replaceChildren(...[withheldNote(withheld, t('withheldNote')),
      h('div', { class: 'grid' }, data.funnel.map((f, i) => funnelCard(f, i, when)))].filter(Boolean));
  };
  container.replaceChildren(h('h1', {}, t('funnel')),
    h('form', { class: 'controls', onsubmit: (event) => { event.preventDefault(); apply(); } },
      h('label', {}, t('asOf'), asOf), h('label', {}, t('lookbackDays'), lookback), h('label', {}, t('windowDays'), windowDays),
      h('label', {}, t('ordered'), ordered), h('label', {}, t('split'), split),
      h('button', { class: 'primary', type: 'submit' }, t('apply'))),
    results);
  await apply();
}

function funnelCard(funnel, index, when) {
  const title = `${funnel.group ?? t('everyone')} · ${t('entered')} ${count(funnel.entered)}` +
    (funnel.bottleneck ? ` · ${t('bottleneck')}: ${funnel.bottleneck}` : '');
  return chartCard({
    id: `funnel-${index}`, title, when,
    columns: [
      { key: 'type', label: t('step') },
      { key: 'reached', label: t('reached'), numeric: true, format: count },
      { key: 'stepConversion', label: t('stepConversion'), numeric: true, format: percent },
      { key: 'overallConversion', label: t('overallConversion'), numeric: true, format: percent },
      { key: 'medianSecondsFromPrevious', label: t('medianMinutes'), numeric: true, format: (v) => (v === null || v === undefined ? '—' : decimal(v / 60, 1)) },
    ],
    rows: funnel.steps,
    option: (steps) => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 10, right: 10, top: 20, bottom: 10, containLabel: true },
      xAxis: { type: 'category', data: steps.map((s) => s.type), axisLabel: { interval: 0, rotate: 30 } },
      yAxis: { type: 'value' },
      series: [{
        type: 'bar',
        // The bottleneck (the step that loses most) stands out in red.
        data: steps.map((s) => ({ value: s.reached, itemStyle: s.type === funnel.bottleneck ? { color: '#b91c1c' } : undefined })),
      }],
    }),
  });
}
