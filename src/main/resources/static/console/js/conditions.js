// Building a segment condition with controls: a field with an operator and a value, or a behaviour (orders, bought,
// interactions) with a threshold and a window. Each is sent as the API's structured input (SegmentConditionInput),
// which quotes the values and answers the same condition in the segment language: the builder adds that text to the
// query, so the controls and the typed text are one definition, and the live count follows it.
import { h } from './dom.js';
import { t } from './i18n.js';

const OPERATORS = {
  NUMBER: ['GE', 'GT', 'LE', 'LT', 'EQ', 'NE', 'BETWEEN', 'IS_NULL', 'IS_NOT_NULL'],
  DAY: ['GE', 'GT', 'LE', 'LT', 'EQ', 'NE', 'BETWEEN', 'IS_NULL', 'IS_NOT_NULL'],
  TEXT: ['EQ', 'NE', 'IN', 'NOT_IN', 'IS_NULL', 'IS_NOT_NULL'],
  CHOICE: ['EQ', 'NE', 'IN', 'NOT_IN', 'IS_NULL', 'IS_NOT_NULL'],
  BOOLEAN: ['EQ'],
  SET: ['CONTAINS'],
};
const SYMBOLS = { EQ: '=', NE: '≠', LT: '<', LE: '≤', GT: '>', GE: '≥' };
// What each behaviour can match on and measure (docs/segments.md).
const ACTIVITIES = {
  ORDERS: { matches: ['channel', 'store'], measures: ['count', 'spend'] },
  BOUGHT: { matches: ['sku', 'category'], measures: ['count'] },
  INTERACTIONS: { matches: ['type', 'channel'], measures: ['count'] },
};

/**
 * The controls; {@code compile(condition)} asks the API for the condition's text (or throws its error), and
 * {@code add(text, join)} puts it into the query.
 */
export function conditionControls(fields, compile, add) {
  const join = h('select', { name: 'join' }, ['AND', 'OR'].map((j) => h('option', { value: j }, t(`join${j}`))));
  const problem = h('p', { class: 'error', role: 'alert', dataset: { role: 'condition-error' } });
  const submit = async (condition) => {
    problem.textContent = '';
    try {
      add(await compile(condition), join.value);
    } catch (error) {
      problem.textContent = error.message;
    }
  };
  return h('div', { class: 'conditions', dataset: { role: 'condition-controls' } },
    h('label', {}, t('joinWith'), join),
    fieldControls(fields, submit),
    behaviourControls(submit),
    problem);
}

function fieldControls(fields, submit) {
  const field = h('select', { name: 'conditionField' }, fields.map((f) => h('option', { value: f.path }, f.path)));
  const operator = h('select', { name: 'conditionOperator' });
  const values = h('span', { class: 'values' });
  let read = () => ({});
  const chosen = () => fields.find((f) => f.path === field.value);
  const operatorsChanged = () => {
    const info = chosen();
    const op = operator.value;
    if (op === 'IS_NULL' || op === 'IS_NOT_NULL') {
      values.replaceChildren();
      read = () => ({});
    } else if (op === 'BETWEEN') {
      const low = valueInput(info, 'conditionLow');
      const high = valueInput(info, 'conditionHigh');
      values.replaceChildren(low, ' – ', high);
      read = () => ({ values: [low.value, high.value] });
    } else if (op === 'IN' || op === 'NOT_IN') {
      const list = info.choices.length
        ? h('select', { name: 'conditionValues', multiple: true }, info.choices.map((c) => h('option', { value: c }, c)))
        : h('input', { name: 'conditionValues', placeholder: 'a, b, c' });
      values.replaceChildren(list);
      read = () => ({
        values: list.tagName === 'SELECT' ? [...list.selectedOptions].map((o) => o.value)
          : list.value.split(',').map((v) => v.trim()).filter(Boolean),
      });
    } else {
      const one = valueInput(info, 'conditionValue');
      values.replaceChildren(one);
      read = () => ({ value: one.value });
    }
  };
  const fieldChanged = () => {
    const info = chosen();
    operator.replaceChildren(...(OPERATORS[info?.type] ?? ['EQ']).map((o) => h('option', { value: o }, SYMBOLS[o] ?? t(o))));
    operatorsChanged();
  };
  field.addEventListener('change', fieldChanged);
  operator.addEventListener('change', operatorsChanged);
  fieldChanged();
  return h('form', {
    class: 'controls', dataset: { role: 'field-condition' },
    onsubmit: (event) => {
      event.preventDefault();
      submit({ field: field.value, operator: operator.value, ...read() });
    },
  }, h('label', {}, t('field'), field), h('label', {}, t('operator'), operator), values,
  h('button', { class: 'secondary', type: 'submit' }, t('addCondition')));
}

function valueInput(info, name) {
  if (info.type === 'BOOLEAN') return h('select', { name }, ['true', 'false'].map((v) => h('option', { value: v }, v)));
  if (info.choices.length) return h('select', { name }, info.choices.map((c) => h('option', { value: c }, c)));
  const placeholder = { NUMBER: '25', DAY: '2025-01-01 / -30d', TEXT: '' }[info.type] ?? '';
  return h('input', { name, placeholder, inputmode: info.type === 'NUMBER' ? 'decimal' : null });
}

function behaviourControls(submit) {
  const activity = h('select', { name: 'activity' }, Object.keys(ACTIVITIES).map((a) => h('option', { value: a }, t(a))));
  const matchName = h('select', { name: 'matchName' });
  const matchValue = h('input', { name: 'matchValue', placeholder: t('anyValue') });
  const measure = h('select', { name: 'measure' });
  const operator = h('select', { name: 'measureOperator' }, ['GE', 'LE', 'EQ', 'GT', 'LT'].map((o) =>
    h('option', { value: o }, SYMBOLS[o])));
  const amount = h('input', { name: 'measureValue', value: '1', inputmode: 'decimal', size: 6 });
  const since = h('input', { name: 'since', placeholder: '-90d', size: 10 });
  const activityChanged = () => {
    const known = ACTIVITIES[activity.value];
    matchName.replaceChildren(h('option', { value: '' }, '—'), ...known.matches.map((m) => h('option', { value: m }, m)));
    measure.replaceChildren(...known.measures.map((m) => h('option', { value: m }, t(`measure_${m}`))));
  };
  activity.addEventListener('change', activityChanged);
  activityChanged();
  return h('form', {
    class: 'controls', dataset: { role: 'behaviour-condition' },
    onsubmit: (event) => {
      event.preventDefault();
      const behaviour = {
        activity: activity.value,
        thresholds: [{ measure: measure.value, operator: operator.value, value: Number(amount.value) }],
      };
      if (matchName.value && matchValue.value.trim()) behaviour.matches = [{ name: matchName.value, value: matchValue.value.trim() }];
      if (since.value.trim()) behaviour.since = since.value.trim();
      submit({ behaviour });
    },
  }, h('label', {}, t('activity'), activity), h('label', {}, t('where'), matchName), matchValue,
  h('label', {}, t('measure'), measure), operator, amount, h('label', {}, t('since'), since),
  h('button', { class: 'secondary', type: 'submit' }, t('addCondition')));
}

/** The compiled condition the API answers, as a nested list: each node's kind and what it compares. */
export function conditionTree(node) {
  if (Array.isArray(node)) return h('ul', {}, node.map((child) => h('li', {}, conditionTree(child))));
  if (node === null || typeof node !== 'object') return document.createTextNode(String(node));
  const scalars = Object.entries(node).filter(([key, value]) => key !== 'kind' && (value === null || typeof value !== 'object'));
  const nested = Object.entries(node).filter(([, value]) => value !== null && typeof value === 'object');
  return h('span', { class: 'node', dataset: { kind: node.kind ?? '' } },
    h('strong', {}, node.kind ?? ''), scalars.length ? ` ${scalars.map(([k, v]) => `${k}: ${v}`).join(', ')}` : '',
    nested.length ? h('ul', {}, nested.map(([key, value]) => h('li', {}, h('em', {}, key), ' ', conditionTree(value)))) : null);
}
