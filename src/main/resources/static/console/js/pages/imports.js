// Imports (ADMIN, CRM_SPECIALIST): choose a file and what it holds, write the column mapping (docs/data-integration.md),
// preview the first rows as they would load (nothing written), start, follow the progress, download the rejects.
import { h, errorBox } from '../dom.js';
import { t } from '../i18n.js';
import { count, decimal, percent } from '../format.js';
import { ApiError, download, run, upload } from '../session.js';

const ENTITIES = ['MEMBERS', 'ORDERS', 'PRODUCTS', 'INTERACTIONS'];
const POLL_MS = 1000;

export async function render(container) {
  const entity = h('select', { name: 'entity' }, ENTITIES.map((e) => h('option', { value: e }, e)));
  const file = h('input', { type: 'file', name: 'file', accept: '.csv,.ndjson,.jsonl,.gz,text/csv' });
  const mapping = h('textarea', { name: 'mapping', spellcheck: 'false', rows: 4, placeholder: '{"name": "会员姓名", "phone": "手机号", "joinChannel": {"value": "STORE"}}' });
  const returnRule = h('input', { name: 'returnRule', placeholder: 'NEGATIVE_QUANTITY' });
  const output = h('div', { dataset: { role: 'import-output' } });
  const form = () => {
    const data = new FormData();
    data.append('file', file.files[0]);
    data.append('mapping', mapping.value);
    if (returnRule.value.trim()) data.append('returnRule', returnRule.value.trim());
    return data;
  };
  const path = () => `/api/import/${entity.value.toLowerCase()}`;
  const ready = () => {
    if (!file.files.length) {
      output.replaceChildren(errorBox(new Error(t('chooseFile'))));
      return false;
    }
    return true;
  };
  container.replaceChildren(h('h1', {}, t('imports')),
    h('section', { class: 'card form' },
      h('label', {}, t('entity'), entity), h('label', {}, t('file'), file),
      h('label', {}, t('returnRule'), returnRule),
      h('label', { class: 'wide' }, t('mapping'), mapping),
      h('button', { class: 'secondary', type: 'button', dataset: { action: 'preview' }, onclick: async () => {
        if (ready()) output.replaceChildren(...previewOf(await upload(`${path()}/preview?rows=10`, form())));
      } }, t('preview')),
      h('button', { class: 'primary', type: 'button', dataset: { action: 'start' }, onclick: async () => {
        if (!ready()) return;
        const answer = await upload(path(), form());
        if (answer.status !== 202) output.replaceChildren(...problems(answer));
        else follow(answer.body.id, output);
      } }, t('startImport'))),
    output);
}

/** The API's refusal: every problem of the mapping at once, each naming its field. */
function problems(answer) {
  const list = answer.body.problems?.length ? answer.body.problems : [{ field: answer.body.field, reason: answer.body.reason }];
  return [h('ul', { class: 'error', role: 'alert', dataset: { role: 'problems' } },
    list.map((p) => h('li', {}, p.field ? `${p.field}: ${p.reason}` : p.reason ?? JSON.stringify(answer.body))))];
}

function previewOf(answer) {
  if (answer.status !== 200) return problems(answer);
  const preview = answer.body;
  return [h('section', { class: 'card', dataset: { role: 'preview' } },
    h('h2', {}, t('preview')),
    preview.unusedColumns.length ? h('p', { class: 'muted' }, `${t('unusedColumns')}: ${preview.unusedColumns.join(', ')}`) : null,
    h('table', {},
      h('thead', {}, h('tr', {}, [t('row'), t('outcome'), t('asLoaded'), t('reason')].map((c) => h('th', {}, c)))),
      h('tbody', {}, preview.rows.map((row) => h('tr', { dataset: { outcome: row.outcome } },
        h('td', {}, row.row), h('td', {}, row.outcome),
        h('td', {}, row.fields.map((f) => `${f.field}=${f.cleaned ?? ''}`).join('  ')),
        h('td', { class: row.reason ? 'error' : null }, row.reason ?? ''))))))];
}

/** Asks for the job every second until it ends: a progress bar with the rate and the time left, then the outcome. */
function follow(jobId, output) {
  const bar = h('progress', { max: 1, value: 0 });
  const status = h('p', { dataset: { role: 'job-status' } });
  const counts = h('table', { dataset: { role: 'job-counts' } });
  output.replaceChildren(h('section', { class: 'card' }, h('h2', {}, `${t('job')} ${jobId}`), bar, status, counts));
  const poll = async () => {
    const { data, errors } = await run('importJob', { id: jobId });
    const job = data?.importJob;
    if (!job) {
      output.append(errorBox(new ApiError(errors)));
      return;
    }
    bar.value = job.progress;
    status.dataset.status = job.status;
    status.textContent = `${job.status} · ${percent(job.progress)} · ${decimal(job.rowsPerSecond, 0)} ${t('rowsPerSecond')}`
      + (job.secondsLeft !== null && job.status === 'RUNNING' ? ` · ${decimal(job.secondsLeft, 0)} s ${t('left')}` : '')
      + (job.failure ? ` · ${job.failure}` : '');
    counts.replaceChildren(h('tbody', {}, [['rowsRead', job.rowsRead], ['rowsLoaded', job.rowsLoaded], ['rowsLinked', job.rowsLinked],
      ['rowsDuplicate', job.rowsDuplicate], ['rowsRejected', job.rowsRejected]].map(([key, value]) =>
      h('tr', {}, h('th', {}, t(key)), h('td', { class: 'number', dataset: { key, value } }, count(value))))));
    if (job.status === 'RUNNING') {
      setTimeout(poll, POLL_MS);
    } else if (job.rowsRejected > 0) {
      output.querySelector('section').append(h('button', {
        class: 'secondary', type: 'button', dataset: { action: 'rejects' },
        onclick: () => download(`/api/import/jobs/${jobId}/rejects.csv`, `${jobId}-rejects.csv`),
      }, t('downloadRejects')));
    }
  };
  poll();
}
