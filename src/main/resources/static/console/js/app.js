// The console's shell: sign-in, the navigation a role may use, and the page chosen by the URL's hash.
import { h, errorBox } from './dom.js';
import { t, toggleLanguage } from './i18n.js';
import { useCalendar } from './format.js';
import { hasRole, onSessionEnd, prefetch, signIn, signOut, user } from './session.js';
import * as overview from './pages/overview.js';
import * as retention from './pages/retention.js';
import * as funnel from './pages/funnel.js';
import * as segments from './pages/segments.js';
import * as members from './pages/members.js';
import * as campaigns from './pages/campaigns.js';
import * as imports from './pages/imports.js';
import * as loyalty from './pages/loyalty.js';

const pages = [
  { path: 'overview', page: overview, roles: ['ADMIN', 'CRM_SPECIALIST', 'MARKETER'] },
  { path: 'retention', page: retention, roles: ['ADMIN', 'CRM_SPECIALIST', 'MARKETER'] },
  { path: 'funnel', page: funnel, roles: ['ADMIN', 'CRM_SPECIALIST', 'MARKETER'] },
  { path: 'segments', page: segments, roles: ['ADMIN', 'CRM_SPECIALIST', 'MARKETER'] },
  { path: 'members', page: members, roles: ['ADMIN', 'CRM_SPECIALIST', 'SUPPORT'] },
  { path: 'campaigns', page: campaigns, roles: ['ADMIN', 'MARKETER', 'CRM_SPECIALIST'] },
  { path: 'imports', page: imports, roles: ['ADMIN', 'CRM_SPECIALIST'] },
  { path: 'loyalty', page: loyalty, roles: ['ADMIN'] },
];

const main = document.getElementById('page');
const notice = document.getElementById('notice');

function allowedPages() {
  return pages.filter((p) => hasRole(...p.roles));
}

function showNotice(message) {
  notice.textContent = message ?? '';
  notice.hidden = !message;
}

function renderHeader() {
  document.getElementById('language').textContent = t('language');
  const signOutButton = document.getElementById('sign-out');
  signOutButton.textContent = t('signOut');
  signOutButton.hidden = !user();
  document.getElementById('user').textContent = user() ? `${user().username} · ${user().roles.join(', ')}` : '';
  const current = location.hash.replace(/^#\/?/, '');
  const nav = document.getElementById('nav');
  const wanted = (user() ? allowedPages() : []).map((p) => `${p.path}:${t(p.path)}`).join(' ');
  // The links stay the same elements while the user and language do: a click on one is never lost to a redraw.
  if (nav.dataset.links !== wanted) {
    nav.dataset.links = wanted;
    nav.replaceChildren(...(user() ? allowedPages() : []).map((p) =>
      h('a', { href: `#/${p.path}`, dataset: { page: p.path } }, t(p.path))));
  }
  nav.querySelectorAll('a').forEach((link) => link.classList.toggle('current', link.dataset.page === current));
}

function renderSignIn() {
  const username = h('input', { name: 'username', autocomplete: 'username', required: true });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const problem = h('p', { class: 'error', role: 'alert' });
  const form = h('form', {
    onsubmit: async (event) => {
      event.preventDefault();
      problem.textContent = '';
      try {
        const { answers: [{ data }] } = await signIn(username.value, password.value, ['businessCalendar']);
        if (data?.businessCalendar) useCalendar(data.businessCalendar);
        showNotice(null);
        const first = allowedPages()[0];
        if (!allowedPages().some((p) => location.hash === `#/${p.path}`)) location.hash = `#/${first.path}`;
        else route();
      } catch (error) {
        problem.textContent = error.message;
      }
    },
  },
  h('label', {}, t('username'), username),
  h('label', {}, t('password'), password),
  h('button', { class: 'primary', type: 'submit' }, t('signIn')),
  problem);
  main.replaceChildren(h('section', { class: 'signin' }, h('h1', {}, t('signInTitle')), form));
  renderHeader();
  username.focus();
  // While the user types: what the sign-in and the pages it lands on will ask for.
  prefetch('me', 'businessCalendar', ...pages.flatMap((p) => p.page.firstDocuments ?? []));
}

async function route() {
  if (!user()) {
    renderSignIn();
    return;
  }
  const path = location.hash.replace(/^#\/?/, '');
  const entry = allowedPages().find((p) => p.path === path) ?? allowedPages()[0];
  if (entry.path !== path) {
    location.hash = `#/${entry.path}`;
    return;
  }
  renderHeader();
  const container = h('div', { dataset: { page: entry.path } }, h('p', { class: 'muted' }, t('loading')));
  main.replaceChildren(container);
  try {
    await entry.page.render(container);
  } catch (error) {
    container.replaceChildren(errorBox(error));
  }
}

onSessionEnd((message) => {
  showNotice(message);
  renderSignIn();
});
document.getElementById('sign-out').addEventListener('click', () => signOut(null));
document.getElementById('language').addEventListener('click', () => {
  toggleLanguage();
  route();
});
window.addEventListener('hashchange', route);
route();
