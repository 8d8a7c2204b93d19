// Loyalty settings (ADMIN): the tiers and the earning rules as the programme runs them, and the points audit on demand
// (it reads every account, so it runs when asked).
import { h, errorBox } from '../dom.js';
import { t } from '../i18n.js';
import { count, decimal, moment } from '../format.js';
import { chartCard } from '../charts.js';
import { ApiError, run } from '../session.js';

export async function render(container) {
  const { data, errors } = await run('loyaltySettings');
  if (!data) throw new ApiError(errors);
  const audit = h('div', { dataset: { role: 'audit' } });
  container.replaceChildren(h('h1', {}, t('loyalty')),
    h('div', { class: 'grid' },
      chartCard({
        id: 'tierSettings', title: t('tierSettings'), when: '',
        columns: [
          { key: 'rank', label: '#', numeric: true },
          { key: 'code', label: t('tier') },
          { key: 'name', label: t('name') },
          { key: 'threshold', label: t('threshold'), numeric: true, format: count },
          { key: 'benefits', label: t('benefits'), format: (benefits) => benefits.map((b) => (b.value ? `${b.name} (${b.value})` : b.name)).join(', ') },
        ],
        rows: [...data.tiers].sort((a, b) => a.rank - b.rank),
        option: null,
      }),
      chartCard({
        id: 'earnRules', title: t('earnRules'), when: '',
        columns: [
          { key: 'id', label: 'ID' },
          { key: 'type', label: t('ruleType') },
          { key: 'appliesTo', label: t('appliesTo') },
          { key: 'factor', label: '×', numeric: true, format: (v) => decimal(v, 2) },
          { key: 'points', label: t('points'), numeric: true, format: count },
          { key: 'perDay', label: t('dailyLimit'), numeric: true },
          { key: 'valid', label: t('valid') },
        ],
        rows: data.earnRules.map((r) => ({
          ...r,
          appliesTo: r.tierCode ?? r.category ?? r.sku ?? r.campaignPrefix ?? r.activity ?? '',
          // A reported activity without a limit of its own is rewarded once a day.
          perDay: ['REVIEW', 'CHECK_IN'].includes(r.activity) ? (r.dailyLimit ?? 1) : '',
          valid: [r.validFrom ? moment(r.validFrom) : '', r.validTo ? moment(r.validTo) : ''].filter(Boolean).join(' – '),
        })),
        option: null,
      })),
    h('p', {}, h('button', { class: 'secondary', type: 'button', dataset: { action: 'audit' }, onclick: async () => {
      audit.replaceChildren(h('p', { class: 'muted' }, t('loading')));
      const answer = await run('pointsAudit');
      if (!answer.data) {
        audit.replaceChildren(errorBox(new ApiError(answer.errors)));
        return;
      }
      const found = answer.data.pointsAudit;
      audit.replaceChildren(found.length === 0 ? h('p', { dataset: { role: 'audit-clean' } }, t('auditClean'))
        : chartCard({
          id: 'audit', title: t('pointsAudit'), when: '',
          columns: ['memberId', 'balance', 'ledgerSum', 'lotsRemaining', 'deficit'].map((key) => ({ key, label: t(key), numeric: key !== 'memberId' })),
          rows: found,
          option: null,
        }));
    } }, t('runAudit'))),
    audit);
}
