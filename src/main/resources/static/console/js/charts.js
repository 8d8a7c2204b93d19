// A chart card: a title that says what and when, an ECharts chart, and the same figures as a table (toggle).
// The table is always in the page, so every number can be read (and checked) as text.
import { h } from './dom.js';
import { t } from './i18n.js';

/**
 * @param id names the card (data-card) for tests and links
 * @param columns [{ key, label, format, numeric }]: the table's columns; format turns a raw value into text
 * @param option (rows) => an ECharts option, or null for a table only
 */
export function chartCard({ id, title, when, columns, rows, option, ready = null }) {
  const table = h('table', { hidden: !!option },
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { class: c.numeric ? 'number' : null }, c.label)))),
    h('tbody', {}, rows.map((row) => h('tr', {}, columns.map((c) => h('td', {
      class: c.numeric ? 'number' : null,
      dataset: { key: c.key, value: row[c.key] === null || row[c.key] === undefined ? '' : String(row[c.key]) },
    }, c.format ? c.format(row[c.key], row) : row[c.key]))))));
  const chart = option ? h('div', { class: 'chart', role: 'img', 'aria-label': title }) : null;
  const toggle = option ? h('button', {
    class: 'toggle', type: 'button', onclick: () => {
      const showTable = table.hidden;
      table.hidden = !showTable;
      chart.hidden = showTable;
      toggle.textContent = showTable ? t('chart') : t('table');
      if (!showTable) instance?.resize();
    },
  }, t('table')) : null;
  const card = h('section', { class: 'card', dataset: { card: id } },
    h('header', {}, h('div', {}, h('h2', {}, title), h('span', { class: 'when' }, when)), toggle), chart, table);
  let instance = null;
  if (chart) {
    // ECharts needs the element laid out and costs the page's one thread to draw: a chart starts when it first
    // comes into view with a size (charts below the fold wait until scrolled to), then follows resizes.
    // What the chart needs first (a map's outline) is asked for then; the table never waits for it.
    const start = () => {
      if (instance || !chart.isConnected || chart.clientWidth === 0) return;
      instance = window.echarts.init(chart);
      (ready ? ready() : Promise.resolve())
        .then(() => instance.setOption({ animation: false, ...option(rows) }))
        .catch((error) => chart.replaceChildren(h('p', { class: 'error' }, error.message)));
    };
    new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) drawSoon(chart, start);
    }).observe(chart);
    new ResizeObserver(() => (instance ? instance.resize() : null)).observe(chart);
  }
  return card;
}

// Charts in view waiting to be drawn, by their element. They are drawn one per task, the highest on the page
// first: a chart at the top does not wait behind the ones below it whose answer came first, and the page reads
// the next answer between two charts.
const waiting = new Map();
let drawing = false;

function drawSoon(element, draw) {
  waiting.set(element, draw);
  if (!drawing) {
    drawing = true;
    setTimeout(drawNext, 0);
  }
}

function drawNext() {
  let first = null;
  for (const element of waiting.keys()) {
    if (!element.isConnected) waiting.delete(element);
    // Earlier on the page: the first chart found so far follows it.
    else if (!first || element.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING) first = element;
  }
  try {
    if (first) {
      const draw = waiting.get(first);
      waiting.delete(first);
      draw();
    }
  } finally {
    drawing = waiting.size > 0;
    if (drawing) setTimeout(drawNext, 0);
  }
}

/**
 * Room left of the grid for category labels turned 30°: each runs left from its tick, and the grid's containLabel
 * makes no room for that run (IMPORTANT_VALUE was cut to "…TANT_VALUE"). About 7 px a character, less what the value
 * axis takes and, for the next labels, the bands before their ticks.
 */
export function leftOfTurnedLabels(categories) {
  const runs = categories.slice(0, 3).map((c, i) => Math.round(String(c ?? '').length * 7) - 35 - i * 40);
  return Math.max(10, ...runs);
}

/** A bar chart of one or two series over categories. */
export function bars(categories, series, { horizontal = false } = {}) {
  const categoryAxis = { type: 'category', data: categories, axisLabel: { interval: 0, rotate: horizontal ? 0 : 30 } };
  // An axis's name stands above it, centred on its line by default, which cut a long one at the chart's edge
  // ("…epurchase rate"): it runs inward from the line instead.
  const valueAxes = series.map((s, i) => ({
    type: 'value', name: s.name, position: i === 0 ? 'left' : 'right', nameTextStyle: { align: i === 0 ? 'left' : 'right' },
  }));
  return {
    tooltip: { trigger: 'axis' },
    // The legend on the first line, the axes' names on the second: at the same height they ran into each other.
    legend: { data: series.map((s) => s.name), top: 0 },
    grid: { left: horizontal ? 10 : leftOfTurnedLabels(categories), right: 10, bottom: 10, top: horizontal ? 40 : 52,
      containLabel: true },
    xAxis: horizontal ? valueAxes[0] : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxes,
    series: series.map((s, i) => ({ name: s.name, type: 'bar', data: s.data, yAxisIndex: horizontal ? 0 : i })),
  };
}
