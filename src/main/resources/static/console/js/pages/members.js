// Member 360 (ADMIN, CRM_SPECIALIST, SUPPORT): find a member by phone, e-mail or name, then the profile with identities,
// consent, tier and its history, points, recent orders, the interactions timeline, RFM and prediction. What the role
// may not read, the API does not send.
import { h, errorBox, fill } from '../dom.js';
import { t } from '../i18n.js';
import { count, day, decimal, money, moment, percent } from '../format.js';
import { ApiError, hasRole, refusals, run } from '../session.js';
import { chartCard } from '../charts.js';

export async function render(container) {
  const phone = h('input', { name: 'phone', inputmode: 'tel' });
  const email = h('input', { name: 'email', type: 'email' });
  const name = h('input', { name: 'name' });
  const found = h('div', {});
  const profile = h('div', {});
  const search = async (event) => {
    event.preventDefault();
    profile.replaceChildren();
    const { data, errors } = phone.value.trim() ? await run('memberByPhone', { phone: phone.value.trim() })
      : email.value.trim() ? await run('memberByEmail', { email: email.value.trim() })
        : await run('membersByName', { name: name.value.trim() });
    if (errors.length) {
      found.replaceChildren(errorBox(new ApiError(errors)));
      return;
    }
    const members = data.memberByContact !== undefined ? [data.memberByContact].filter(Boolean)
      : data.members.edges.map((e) => e.node);
    // A name shared by more members than the list shows: say so, rather than let the list pass for all of them.
    const more = data.members?.pageInfo.hasNextPage
      ? h('p', { class: 'muted', dataset: { role: 'more-members' } }, t('moreMembers').replace('{n}', members.length)) : null;
    found.replaceChildren(...[members.length === 0 ? h('p', { class: 'muted' }, t('noMember'))
      : h('table', { dataset: { role: 'results' } },
        h('tbody', {}, members.map((m) => h('tr', {},
          h('td', {}, h('a', { href: '#/members', onclick: (e) => { e.preventDefault(); show(m.id, profile); } }, m.memberNumber)),
          h('td', {}, m.name ?? ''), h('td', {}, m.phone ?? ''), h('td', {}, m.joinChannel))))), more].filter(Boolean));
  };
  fill(container,
    h('h1', {}, t('members')),
    h('form', { class: 'controls', onsubmit: search },
      h('label', {}, t('phone'), phone), h('label', {}, t('email'), email), h('label', {}, t('name'), name),
      h('button', { class: 'primary', type: 'submit' }, t('search'))),
    found, profile,
    hasRole('ADMIN', 'CRM_SPECIALIST') ? duplicates() : null);
}

/** ADMIN, CRM: likely duplicates with their evidence; a merge asks for a reason and a second click before it runs. */
function duplicates() {
  const list = h('div', { dataset: { role: 'duplicates' } });
  const load = async () => {
    const { data, errors } = await run('duplicateCandidates');
    if (!data) {
      list.replaceChildren(errorBox(new ApiError(errors)));
      return;
    }
    list.replaceChildren(data.duplicateCandidates.length === 0 ? h('p', { class: 'muted', dataset: { role: 'no-duplicates' } }, t('noDuplicates'))
      : h('table', {}, h('tbody', {}, data.duplicateCandidates.map((pair) => h('tr', { dataset: { pair: `${pair.first.id}:${pair.second.id}` } },
        h('td', {}, `${pair.first.memberNumber} ${pair.first.name ?? ''}`), h('td', {}, `${pair.second.memberNumber} ${pair.second.name ?? ''}`),
        h('td', {}, pair.evidence.join(', ')), h('td', { class: 'number' }, pair.score), h('td', {}, mergeControl(pair, load)))))));
  };
  return h('section', { class: 'card' }, h('h2', {}, t('duplicates')),
    h('button', { class: 'secondary', type: 'button', dataset: { action: 'duplicates' }, onclick: load }, t('findDuplicates')), list);
}

function mergeControl(pair, reload) {
  const reason = h('input', { name: 'reason', placeholder: t('reason'), required: true });
  const outcome = h('span', { role: 'status' });
  const confirm = h('span', { hidden: true }, `${t('mergeInto')} ${pair.first.memberNumber}? `, reason,
    h('button', { class: 'primary', type: 'button', dataset: { action: 'confirm-merge' }, onclick: async () => {
      if (!reason.value.trim()) return;
      const { data, errors } = await run('mergeMembers', { input: { survivorId: pair.first.id, mergedId: pair.second.id, reason: reason.value.trim() } });
      const refused = refusals({ data, errors }, 'mergeMembers');
      if (refused.length) outcome.textContent = refused.map((e) => e.message).join('\n');
      else reload();
    } }, t('confirm')), outcome);
  return h('span', {}, h('button', { class: 'secondary', type: 'button', dataset: { action: 'merge' },
    onclick: (event) => { event.target.hidden = true; confirm.hidden = false; reason.focus(); } }, t('merge')), confirm);
}

async function show(id, target) {
  const { data, errors } = await run('memberProfile', { id });
  const m = data?.member;
  if (!m) {
    target.replaceChildren(errorBox(new Error(errors.map((e) => e.message).join('\n') || t('noMember'))));
    return;
  }
  const facts = (pairs) => h('table', {}, h('tbody', {}, pairs.map(([label, value]) => h('tr', {}, h('th', {}, label), h('td', {}, value ?? '')))));
  target.replaceChildren(h('div', { class: 'grid', dataset: { role: 'profile', member: m.id } },
    h('section', { class: 'card' }, h('h2', {}, `${t('profile')} · ${m.memberNumber}`), facts([
      [t('name'), m.name], [t('phone'), m.phone], [t('email'), m.email], [t('joined'), moment(m.joinedAt)],
      [t('channel'), m.joinChannel], [t('province'), m.region ? `${m.region.province ?? ''} ${m.region.city ?? ''}` : ''],
      [t('tier'), m.tier ? `${m.tier.name} (${m.tier.code})` : ''],
      [t('identities'), m.identities.map((i) => `${i.channel}:${i.externalId}`).join(', ')],
      ['Consent', m.consent.filter((c) => c.granted).map((c) => c.channel).join(', ')],
      ['Tags', m.tags.join(', ')],
    ])),
    h('section', { class: 'card' }, h('h2', {}, t('points')), facts([
      [t('pointsBalance'), m.points ? count(m.points.balance) : ''],
      ['Lifetime', m.points ? count(m.points.lifetimeEarned) : ''],
      [t('orders'), count(m.stats.orderCount)], [t('spend'), money(m.stats.totalSpend)], [t('aov'), money(m.stats.averageOrderValue)],
    ])),
    h('section', { class: 'card' }, h('h2', {}, t('rfm')), m.rfm ? facts([
      ['Segment', m.rfm.segment], ['R / F / M', `${m.rfm.r} / ${m.rfm.f} / ${m.rfm.m}`],
      ['Recency (days)', m.rfm.recencyDays], [t('orders'), m.rfm.frequency], [t('spend'), money(m.rfm.monetary)], [t('asOf'), day(m.rfm.asOf)],
    ]) : h('p', { class: 'muted' }, '—'),
    h('h2', {}, t('prediction')), m.prediction ? facts([
      [t('pAlive'), percent(m.prediction.probabilityAlive)], [t('band'), m.prediction.churnBand],
      ['CLV', decimal(m.prediction.clv)], [t('nextPurchase'), day(m.prediction.nextPurchaseDate)],
    ]) : h('p', { class: 'muted' }, t('noModel'))),
    h('section', { class: 'card' }, h('h2', {}, t('recentOrders')), h('table', {},
      h('thead', {}, h('tr', {}, [t('orders'), t('channel'), t('status'), t('paidAt'), t('amount')].map((c) => h('th', {}, c)))),
      h('tbody', {}, m.orders.edges.map(({ node: o }) => h('tr', {}, h('td', {}, o.orderNumber), h('td', {}, o.channel),
        h('td', {}, o.status), h('td', {}, moment(o.paidAt)), h('td', { class: 'number' }, money(o.paidAmount))))))),
    h('section', { class: 'card', dataset: { card: 'tierHistory' } }, h('h2', {}, t('tierHistory')), h('table', {},
      h('thead', {}, h('tr', {}, [t('day'), t('fromTier'), t('tier'), t('reason')].map((c) => h('th', {}, c)))),
      h('tbody', {}, [...m.tierHistory].reverse().map((c) => h('tr', {}, h('td', {}, moment(c.at)), h('td', {}, c.from ?? '—'),
        h('td', {}, c.to), h('td', {}, [c.reason, c.actor, c.note].filter(Boolean).join(' · '))))))),
    h('section', { class: 'card', dataset: { card: 'interactions' } }, h('h2', {}, t('interactionsTimeline')),
      m.interactions.edges.length === 0 ? h('p', { class: 'muted' }, '—') : h('ol', { class: 'timeline' },
        m.interactions.edges.map(({ node: i }) => h('li', { dataset: { interaction: i.id } },
          h('span', { class: 'when' }, moment(i.occurredAt)), ' ', h('strong', {}, i.type), ` · ${i.channel}`,
          [i.sku, i.campaignId, i.score === null ? null : `${t('score')} ${i.score}`].filter(Boolean).map((x) => ` · ${x}`).join('')))))));
  if (errors.length) target.prepend(errorBox(new ApiError(errors)));
  const ledger = await run('memberLedger', { memberId: m.id });
  if (ledger.data) {
    target.firstChild.append(chartCard({
      id: 'ledger', title: t('ledger'), when: '',
      columns: [
        { key: 'occurredAt', label: t('day'), format: (v) => moment(v) },
        { key: 'type', label: t('ruleType') },
        { key: 'status', label: t('status') },
        { key: 'points', label: t('points'), numeric: true, format: count },
        { key: 'reason', label: t('reason') },
      ],
      rows: ledger.data.pointsLedger.edges.map((e) => e.node),
      option: null,
    }));
  }
}
