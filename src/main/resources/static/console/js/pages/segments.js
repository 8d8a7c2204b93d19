// Segment builder: write a condition in the segment language (field names offered as you type, the parser's error
// shown at its line and column) or add conditions with controls, see the live member count, a masked sample and the
// compiled condition, save it (CRM), and read the saved segments with their size history and CSV export.
import { h, errorBox } from '../dom.js';
import { t } from '../i18n.js';
import { count, moment } from '../format.js';
import { bars, chartCard } from '../charts.js';
import { ApiError, download, hasRole, refusals, run } from '../session.js';
import { conditionControls, conditionTree } from '../conditions.js';

const BEHAVIOURS = ['orders(', 'bought(', 'interactions('];
const DEBOUNCE_MS = 400;

export async function render(container) {
  const [{ data: fieldData }, { data: listData }] = await Promise.all([run('segmentFields'), run('segmentList')]);
  const fields = fieldData.segmentFields.map((f) => f.path).concat(BEHAVIOURS);
  const query = h('textarea', { name: 'query', spellcheck: 'false', 'aria-label': t('query'), placeholder: t('queryExample') });
  const suggestions = h('div', { class: 'suggestions', 'aria-label': t('fields') });
  const marker = h('pre', { class: 'marker', hidden: true });
  const problem = h('p', { class: 'error', role: 'alert', dataset: { role: 'query-error' } });
  const liveCount = h('span', { class: 'count', dataset: { role: 'live-count' } }, '—');
  const sample = h('div', {});
  const compiled = h('div', { dataset: { role: 'compiled' } });
  let timer = null;
  let asked = 0;

  const preview = async () => {
    // Sent as written, so the parser's line and column point into the text the user sees.
    const text = query.value;
    const mine = ++asked;
    if (!text.trim()) {
      liveCount.textContent = '—';
      problem.textContent = '';
      marker.hidden = true;
      sample.replaceChildren();
      compiled.replaceChildren();
      return;
    }
    const { data, errors } = await run('segmentPreview', { query: text });
    if (mine !== asked) return; // a later keystroke has asked again
    if (errors.length) {
      showError(errors[0]);
      liveCount.textContent = '—';
      sample.replaceChildren();
      compiled.replaceChildren();
      return;
    }
    problem.textContent = '';
    marker.hidden = true;
    const result = data.previewSegment;
    liveCount.textContent = result.suppressed ? t('withheld') : count(result.members);
    liveCount.dataset.value = result.members ?? '';
    sample.replaceChildren(h('table', {},
      h('thead', {}, h('tr', {}, ['ID', t('name'), t('phone'), t('channel')].map((c) => h('th', {}, c)))),
      h('tbody', {}, result.sample.map((m) => h('tr', {}, h('td', {}, m.memberNumber), h('td', {}, m.name ?? ''),
        h('td', {}, m.phone ?? ''), h('td', {}, m.joinChannel))))));
    compiled.replaceChildren(h('details', {}, h('summary', {}, t('compiled')), conditionTree(result.condition)));
  };

  // The parser names the line and column ("at 1:7"): the marker points there under the text as written.
  const showError = (error) => {
    const reason = error.extensions?.reason ?? error.message;
    problem.textContent = error.message;
    const at = /at (\d+):(\d+)/.exec(reason);
    if (at) {
      const line = query.value.split('\n')[Number(at[1]) - 1] ?? '';
      marker.textContent = `${line}\n${' '.repeat(Number(at[2]) - 1)}^`;
      marker.dataset.line = at[1];
      marker.dataset.column = at[2];
      marker.hidden = false;
    } else {
      marker.hidden = true;
    }
  };

  const suggest = () => {
    const before = query.value.slice(0, query.selectionStart);
    const word = /[A-Za-z.]*$/.exec(before)[0];
    const matches = fields.filter((f) => word.length > 0 && f.startsWith(word) && f !== word).slice(0, 12);
    suggestions.replaceChildren(...(matches.length ? matches : fields.filter(() => word.length === 0)).map((f) =>
      h('button', {
        type: 'button', onclick: () => {
          const start = query.selectionStart - word.length;
          query.setRangeText(f, start, query.selectionStart, 'end');
          query.focus();
          changed();
        },
      }, f)));
  };

  const changed = () => {
    suggest();
    clearTimeout(timer);
    timer = setTimeout(() => preview().catch((error) => { problem.textContent = error.message; }), DEBOUNCE_MS);
  };
  query.addEventListener('input', changed);
  query.addEventListener('keyup', suggest);
  query.addEventListener('click', suggest);

  // A condition from the controls comes back from the API in the language, quoted by it, and joins the text.
  const compile = async (condition) => {
    const { data, errors } = await run('segmentCondition', { condition });
    if (errors.length) throw new ApiError(errors);
    return data.previewSegment.query;
  };
  const add = (text, join) => {
    const written = query.value.trim();
    query.value = !written ? text : join === 'OR' ? `(${written}) OR ${text}` : `${written} AND ${text}`;
    changed();
  };
  const controls = h('details', { class: 'condition-builder' }, h('summary', {}, t('buildWithControls')),
    conditionControls(fieldData.segmentFields, compile, add));

  const saveArea = hasRole('ADMIN', 'CRM_SPECIALIST') ? saveForm(query) : h('p', { class: 'muted' }, t('notAllowedToSave'));
  container.replaceChildren(
    h('h1', {}, t('segmentBuilder')),
    h('section', { class: 'card builder' },
      h('label', {}, t('query')), query, marker, problem,
      h('p', { class: 'muted' }, t('fields')), suggestions, controls,
      h('p', {}, `${t('liveCount')}: `, liveCount), sample, compiled, saveArea),
    h('h1', {}, t('saved')),
    savedList(listData?.segments ?? []));
  suggest();
}

function saveForm(query) {
  const name = h('input', { name: 'segmentName', required: true, maxlength: 100 });
  const outcome = h('p', { role: 'status' });
  return h('form', {
    class: 'controls', dataset: { role: 'save-segment' }, onsubmit: async (event) => {
      event.preventDefault();
      let answer;
      try {
        answer = await run('saveSegment', { input: { name: name.value, query: query.value } });
      } catch (error) {
        outcome.className = 'error';
        outcome.textContent = error.message;
        return;
      }
      const { data, errors } = answer;
      const refused = refusals({ data, errors }, 'saveSegment');
      outcome.className = refused.length ? 'error' : '';
      outcome.textContent = refused.length ? refused.map((e) => e.message).join('\n')
        : `${data.saveSegment.segment.name}: ${count(data.saveSegment.segment.members)}`;
    },
  }, h('label', {}, t('name'), name), h('button', { class: 'primary', type: 'submit' }, t('save')), outcome);
}

function savedList(segments) {
  if (segments.length === 0) return h('p', { class: 'muted' }, '—');
  return h('div', { class: 'grid' }, segments.map((segment) => {
    const card = chartCard({
      id: `segment-${segment.id}`, title: segment.name, when: `${t('evaluatedAt')} ${moment(segment.evaluatedAt)}`,
      columns: [
        { key: 'day', label: t('day') },
        { key: 'members', label: t('membersCount'), numeric: true, format: count },
      ],
      rows: segment.sizes,
      option: (rows) => bars(rows.map((r) => r.day), [{ name: t('membersCount'), data: rows.map((r) => r.members) }]),
    });
    card.append(h('p', { class: 'muted' }, segment.query));
    if (hasRole('ADMIN', 'CRM_SPECIALIST', 'MARKETER')) {
      card.append(h('button', {
        class: 'secondary', type: 'button',
        onclick: () => download(`/api/segments/${segment.id}/members.csv`, `${segment.name}.csv`)
          .catch((error) => card.append(errorBox(error))),
      }, t('exportCsv')));
    }
    return card;
  }));
}
