// Imports (ADMIN, CRM_SPECIALIST): choose a file (and lookup files) and what it holds, map each field to a column of
// the file (or a value for every row), preview the first rows as they would load (nothing written), start, follow the
// progress, download the rejects. The columns, the fields and what the mapping still lacks come from the API's layout
// call.
import { h, errorBox } from '../dom.js';
import { t } from '../i18n.js';
import { count, decimal, moment, percent } from '../format.js';
import { ApiError, download, run, upload } from '../session.js';

const ENTITIES = ['MEMBERS', 'ORDERS', 'PRODUCTS', 'INTERACTIONS'];
const POLL_MS = 1000;
// The layout needs only the header: the beginning of the file is sent, not a file of gigabytes.
const HEADER_BYTES = 64 * 1024;
// A field that may be given as another field of the same row.
const SAME_AS = { paidAt: 'placedAt', channel: 'joinChannel', joinChannel: 'channel' };
const ACCEPT = '.csv,.tsv,.tab,.txt,.ndjson,.jsonl,.json,.gz,.xlsx,.xls,text/csv,text/tab-separated-values';
// Orders exported as several files (Olist's lines, orders and customers; Taobao's 宝贝报表 and 订单报表): each lookup
// file adds its columns to the file's rows that share its key. The API takes at most three.
const LOOKUPS = 3;
// A workbook is sent whole (its header may lie anywhere in it): .xlsx, and .xls, Excel 97-2003's.
const isWorkbook = (chosen) => /\.xlsx?$/i.test(chosen.name);

export async function render(container) {
  const entity = h('select', { name: 'entity' }, ENTITIES.map((e) => h('option', { value: e }, e)));
  const file = h('input', { type: 'file', name: 'file', accept: ACCEPT });
  // One row per lookup file: the file and its key column; the next row shows once this one has a file.
  const lookups = Array.from({ length: LOOKUPS }, (_, i) => ({
    file: h('input', { type: 'file', name: `lookup${i + 1}`, accept: ACCEPT }),
    key: h('input', { name: `joinOn${i + 1}`, placeholder: i === 0 ? 'order_id' : 'customer_id', size: 14 }),
  }));
  const chosenLookups = () => lookups.filter((lookup) => lookup.file.files.length);
  const lookupLabels = lookups.map((lookup, i) => h('label', { hidden: i > 0, dataset: { role: 'lookup' } },
    `${t('lookupFile')} ${i + 1}`, lookup.file, t('joinOn'), lookup.key));
  // Orders of customers no member has register them, as an order log without a member file needs.
  const registerUnknown = h('input', { type: 'checkbox', name: 'unknownMembers' });
  const returnRule = h('input', { name: 'returnRule', placeholder: 'NEGATIVE_QUANTITY' });
  // How the file writes dates when it is none of the usual forms: a pattern, or Unix time (docs/data-integration.md).
  const dateFormat = h('input', { name: 'dateFormat', placeholder: 'M/d/yyyy H:mm · epoch-millis' });
  // How the file writes the rest: its separator, its decimal mark (1.299,50 from European shop systems), the
  // currency of its amounts and the time zone of its times; empty means the service's defaults.
  const delimiter = h('select', { name: 'delimiter' },
    ['comma', 'semicolon', 'tab', 'pipe', 'whitespace'].map((d) => h('option', { value: d }, t(`delimiter_${d}`))));
  const decimalMark = h('select', { name: 'decimal' },
    ['point', 'comma'].map((d) => h('option', { value: d }, t(`decimal_${d}`))));
  const currency = h('input', { name: 'currency', placeholder: 'CNY · EUR · USD', maxlength: 3, size: 4 });
  const zone = h('input', { name: 'zone', placeholder: 'Asia/Shanghai · Europe/Berlin' });
  // The sheet of an Excel workbook, by name or number; empty reads the first.
  // The country of phone numbers written without their code (44 for 07700 900123); empty reads Chinese mobiles.
  const phoneCountryCode = h('input', { name: 'phoneCountryCode', placeholder: '44 · 1', maxlength: 4, size: 4 });
  const sheet = h('input', { name: 'sheet', placeholder: 'Sheet1 · 2', maxlength: 31, size: 12 });
  // The row of the column names, when a report's title and date stand above them; empty for the first.
  const headerRow = h('input', { name: 'headerRow', type: 'number', min: 1, max: 1000, placeholder: '1', size: 4 });
  // Importing a file again with a corrected mapping corrects what the earlier import read wrongly.
  const correct = h('input', { type: 'checkbox', name: 'changedOrders' });
  const fieldsCard = h('div', { class: 'wide', dataset: { role: 'mapping' } });
  const output = h('div', { dataset: { role: 'import-output' } });
  const mapping = new ColumnMapping(fieldsCard, () => layOut());
  const form = (headerOnly = false) => {
    const data = new FormData();
    // For a layout the header is enough; a workbook is a zip archive, read from its end: it goes whole.
    const part = (chosen) => (headerOnly && !isWorkbook(chosen) ? chosen.slice(0, HEADER_BYTES) : chosen);
    data.append('file', part(file.files[0]), file.files[0].name);
    chosenLookups().forEach((lookup) => data.append('lookup', part(lookup.file.files[0]), lookup.file.files[0].name));
    if (chosenLookups().length) data.append('joinOn', chosenLookups().map((lookup) => lookup.key.value.trim()).join(','));
    data.append('mapping', JSON.stringify(mapping.value()));
    if (returnRule.value.trim() && entity.value === 'ORDERS') data.append('returnRule', returnRule.value.trim());
    if (dateFormat.value.trim()) data.append('dateFormat', dateFormat.value.trim());
    if (delimiter.value !== 'comma') data.append('delimiter', delimiter.value);
    if (decimalMark.value !== 'point') data.append('decimal', decimalMark.value);
    if (currency.value.trim()) data.append('currency', currency.value.trim());
    if (zone.value.trim()) data.append('zone', zone.value.trim());
    if (headerRow.value.trim()) data.append('headerRow', headerRow.value.trim());
    if (phoneCountryCode.value.trim()) data.append('phoneCountryCode', phoneCountryCode.value.trim());
    if (sheet.value.trim() && isWorkbook(file.files[0])) data.append('sheet', sheet.value.trim());
    if (correct.checked && entity.value === 'ORDERS') data.append('changedOrders', 'CORRECT');
    if (registerUnknown.checked && entity.value === 'ORDERS') data.append('unknownMembers', 'REGISTER');
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
  let asked = 0;
  const layOut = async () => {
    if (!file.files.length) return;
    const ask = ++asked;
    const answer = await upload(`${path()}/layout`, form(true));
    if (ask !== asked) return; // a later change asked again
    if (answer.status === 200) {
      mapping.show(answer.body);
    } else {
      mapping.reset();
      fieldsCard.replaceChildren(...problems(answer));
    }
  };
  const fresh = () => {
    mapping.reset();
    output.replaceChildren();
    layOut();
  };
  // Return rules, corrections and registering unknown customers are the order import's: shown only for it.
  const ordersOnly = [h('label', {}, t('returnRule'), returnRule), h('label', {}, correct, t('correctChanged')),
    h('label', {}, registerUnknown, t('registerUnknown'))];
  const showOrdersOnly = () => ordersOnly.forEach((label) => { label.hidden = entity.value !== 'ORDERS'; });
  showOrdersOnly();
  entity.addEventListener('change', showOrdersOnly);
  entity.addEventListener('change', fresh);
  file.addEventListener('change', fresh);
  delimiter.addEventListener('change', fresh);
  sheet.addEventListener('change', fresh);
  headerRow.addEventListener('change', fresh);
  lookups.forEach((lookup, i) => {
    lookup.file.addEventListener('change', () => {
      if (lookupLabels[i + 1]) lookupLabels[i + 1].hidden = !lookup.file.files.length;
      fresh();
    });
    lookup.key.addEventListener('change', fresh);
  });
  container.replaceChildren(h('h1', {}, t('imports')),
    h('section', { class: 'card form' },
      h('label', {}, t('entity'), entity), h('label', {}, t('file'), file), ...lookupLabels,
      ordersOnly[0],
      h('label', {}, t('dateFormat'), dateFormat),
      h('label', {}, t('delimiter'), delimiter), h('label', {}, t('decimalMark'), decimalMark),
      h('label', {}, t('currency'), currency), h('label', {}, t('zone'), zone),
      h('label', {}, t('phoneCountryCode'), phoneCountryCode),
      h('label', {}, t('sheet'), sheet), h('label', {}, t('headerRow'), headerRow),
      ...ordersOnly.slice(1),
      fieldsCard,
      h('button', { class: 'secondary', type: 'button', dataset: { action: 'preview' }, onclick: async () => {
        if (ready()) output.replaceChildren(...previewOf(await upload(`${path()}/preview?rows=10`, form())));
      } }, t('preview')),
      h('button', { class: 'primary', type: 'button', dataset: { action: 'start' }, onclick: async () => {
        if (!ready()) return;
        const answer = await upload(path(), form());
        if (answer.status !== 202) output.replaceChildren(...problems(answer));
        else follow(answer.body.id, output);
      } }, t('startImport'))),
    output, await recentJobs(output));
}

/** The team's latest imports: one started on another visit, or by a colleague, is followed again from here. */
async function recentJobs(output) {
  const card = h('section', { class: 'card', dataset: { role: 'recent-imports' } }, h('h2', {}, t('recentImports')));
  const { data, errors } = await run('importJobs', { first: 10 });
  if (!data?.importJobs) {
    card.append(errorBox(new ApiError(errors)));
    return card;
  }
  const jobs = data.importJobs.edges.map((edge) => edge.node);
  card.append(jobs.length === 0 ? h('p', { class: 'muted' }, t('noImportsYet')) : h('table', {},
    h('thead', {}, h('tr', {}, [t('startedAt'), t('startedBy'), t('file'), t('entity'), t('status'), t('rowsLoaded'),
      t('rowsRejected'), ''].map((c) => h('th', {}, c)))),
    h('tbody', {}, jobs.map((job) => h('tr', { dataset: { job: job.id, status: job.status } },
      h('td', {}, moment(job.startedAt)), h('td', {}, job.startedBy), h('td', {}, [job.fileName ?? '', ...job.lookupFiles].filter(Boolean).join(' + ')),
      h('td', {}, job.entity), h('td', {}, job.status),
      h('td', { class: 'number' }, count(job.rowsLoaded)), h('td', { class: 'number' }, count(job.rowsRejected)),
      h('td', {}, h('button', {
        class: 'secondary', type: 'button', dataset: { action: 'follow' },
        onclick: () => follow(job.id, output),
      }, t('showJob'))))))));
  return card;
}

/**
 * One row per field of the import: the column it is read from, a value for every row, or (for a few) another field.
 * The choices start from what the API suggests (a column of the field's name, or one of the names shop systems'
 * exports give it) and are kept while the file is the same; every change asks the API again what the mapping still
 * lacks, and only that part is drawn again, so typing a value is never interrupted.
 */
class ColumnMapping {
  constructor(element, changed) {
    this.element = element;
    this.changed = changed;
    this.reset();
  }

  reset() {
    this.choices = null;
    this.custom = null;
    this.timer = null;
    this.status = h('div', {});
    // Editable: what the table cannot say (translation tables, firstOf, joined columns) is written here.
    this.json = h('textarea', {
      dataset: { role: 'mapping-json' }, rows: 8, spellcheck: false, 'aria-label': t('mappingJson'),
      oninput: () => this.edited(),
    });
    this.jsonError = h('p', { class: 'error', hidden: true, dataset: { role: 'mapping-json-error' } });
    this.element.replaceChildren();
  }

  /** The mapping as the API takes it (docs/data-integration.md): as written by hand, else as the table says. */
  value() {
    if (this.custom) return this.custom;
    const mapping = {};
    Object.entries(this.choices ?? {}).forEach(([field, choice]) => {
      if (choice.column) mapping[field] = choice.column;
      else if (choice.value) mapping[field] = { value: choice.value };
      else if (choice.sameAs) mapping[field] = { sameAs: choice.sameAs };
      else if (choice.split) mapping[field] = { columns: choice.split.columns, separator: choice.split.separator };
    });
    return mapping;
  }

  show(layout) {
    if (!this.choices) {
      this.choices = Object.fromEntries(layout.fields.filter((f) => f.column || f.split)
        .map((f) => [f.field, f.column ? { column: f.column } : { split: f.split }]));
      const rows = [...layout.fields].sort((a, b) => Number(b.required) - Number(a.required));
      this.element.replaceChildren(
        h('table', { class: 'mapping' },
          h('thead', {}, h('tr', {}, [t('field'), t('source'), ''].map((c) => h('th', {}, c)))),
          h('tbody', {}, rows.map((field) => this.row(field, layout)))),
        this.status,
        h('details', {}, h('summary', {}, t('mappingJson')), this.json, this.jsonError));
      if (Object.keys(this.choices).length) {
        // The suggestions are a mapping already: what it still lacks is the next answer's to say, not this one's.
        this.showJson();
        this.changed();
        return;
      }
    }
    // Of fields needed one or the other (joinChannel / channel), the one not chosen is no longer marked once the other is.
    layout.fields.forEach((field) => {
      const star = this.element.querySelector(`tr[data-field="${CSS.escape(field.field)}"] .required`);
      if (star) star.hidden = !this.choices[field.field] && field.anyOf.some((other) => other !== field.field && this.choices[other]);
    });
    this.status.replaceChildren(layout.problems.length
      ? h('ul', { class: 'error', role: 'alert', dataset: { role: 'mapping-problems' } },
        layout.problems.map((p) => h('li', { dataset: { field: p.field } }, `${p.field}: ${p.reason}`)))
      : h('p', { class: 'muted', dataset: { role: 'mapping-complete' } }, t('mappingComplete')));
    if (!this.custom) this.showJson();
  }

  showJson() {
    const text = JSON.stringify(this.value(), null, 1);
    this.json.textContent = text;
    this.json.value = text;
  }

  /** The mapping written by hand, once it is a JSON object: it is what the import takes until the table changes. */
  edited() {
    let written;
    try {
      written = JSON.parse(this.json.value);
    } catch (error) {
      written = error;
    }
    if (written instanceof Error || !written || typeof written !== 'object' || Array.isArray(written)) {
      this.jsonError.hidden = false;
      this.jsonError.textContent = `${t('notAMapping')}${written instanceof Error ? `: ${written.message}` : ''}`;
      return;
    }
    this.jsonError.hidden = true;
    this.custom = written;
    clearTimeout(this.timer);
    this.timer = setTimeout(this.changed, 300);
  }

  row(field, { columns, fields }) {
    const choice = this.choices[field.field] ?? {};
    const sameAs = fields.some((f) => f.field === SAME_AS[field.field]) ? SAME_AS[field.field] : null;
    const valueInput = h('input', {
      name: `value-${field.field}`, hidden: true, dataset: { valueFor: field.field },
      oninput: () => this.choose(field.field, { value: valueInput.value.trim() }),
    });
    const select = h('select', {
      name: `map-${field.field}`, dataset: { field: field.field },
      onchange: () => {
        const [kind, name] = [select.value.slice(0, 2), select.value.slice(2)];
        valueInput.hidden = kind !== 'v:';
        if (kind === 'v:') {
          valueInput.focus();
          this.choose(field.field, { value: valueInput.value.trim() });
        } else if (kind === 's:') {
          this.choose(field.field, { sameAs: name });
        } else if (kind === 'j:') {
          this.choose(field.field, { split: field.split });
        } else {
          this.choose(field.field, kind === 'c:' ? { column: name } : null);
        }
      },
    },
    h('option', { value: '' }, t('notInFile')),
    columns.map((c) => h('option', { value: `c:${c}`, selected: choice.column === c }, c)),
    // Columns that give the field together, as exports split a name: First Name + Last Name.
    field.split ? h('option', { value: 'j:', selected: Boolean(choice.split) }, field.split.columns.join(' + ')) : null,
    h('option', { value: 'v:' }, t('aValueForEveryRow')),
    sameAs ? h('option', { value: `s:${sameAs}` }, `${t('sameAs')} ${sameAs}`) : null);
    const need = field.anyOf.length > 1 ? `${t('oneOf')} ${field.anyOf.join(' / ')}: ${field.why}` : field.why;
    return h('tr', { dataset: { field: field.field } },
      h('th', {}, field.field, field.required ? h('span', { class: 'required', title: need }, ' *') : null),
      h('td', {}, select, valueInput),
      // A custom attribute's label (attributes.skinType: "Skin type") says what the brand named it.
      h('td', { class: 'muted' }, field.required ? need : (field.why ?? '')));
  }

  /** Keeps the choice and asks for the layout again once the typing pauses. */
  choose(field, choice) {
    if (choice) this.choices[field] = choice;
    else delete this.choices[field];
    this.custom = null;
    this.jsonError.hidden = true;
    this.showJson();
    clearTimeout(this.timer);
    this.timer = setTimeout(this.changed, 300);
  }
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
