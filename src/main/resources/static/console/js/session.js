// The signed-in user's session: the token lives in this module only (never in a URL or in storage), ends when it
// expires or the API stops accepting it, and every page's data comes through run() with it.
import { t } from './i18n.js';

const CONSOLE_ROLES = ['ADMIN', 'CRM_SPECIALIST', 'MARKETER', 'SUPPORT'];

let session = null;
let expiryTimer = null;
const listeners = [];
const documents = new Map();

/** What went wrong, from the API's errors: each with a message and, for bad input, the field and reason. */
export class ApiError extends Error {
  constructor(errors) {
    super(errors.map((e) => e.message).join('\n'));
    this.errors = errors;
  }
}

export function user() {
  return session?.user ?? null;
}

export function hasRole(...roles) {
  return !!session && session.user.roles.some((role) => roles.includes(role));
}

/** Called with a message (or null) whenever the session ends. */
export function onSessionEnd(listener) {
  listeners.push(listener);
}

export function signOut(message = null) {
  session = null;
  clearTimeout(expiryTimer);
  listeners.forEach((listener) => listener(message));
}

/**
 * Signs in with a MemberGraph account; refuses accounts that have no console role. The documents named in
 * `alongside` run with the new token beside the account's own check (one round trip, not one after the other).
 * Resolves to { user, answers }: the answers of `alongside`, in order.
 */
export async function signIn(username, password, alongside = []) {
  const response = await fetch('/auth/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status === 429) {
    const body = await response.json();
    throw new ApiError([{ message: body.error_description }]);
  }
  if (!response.ok) {
    throw new ApiError([{ message: t('wrongPassword') }]);
  }
  const token = await response.json();
  session = { token: token.access_token, user: { username, roles: [] } };
  const [{ data }, ...answers] = await Promise.all([run('me'), ...alongside.map((name) => run(name))]);
  const roles = data?.me?.roles ?? [];
  if (!roles.some((role) => CONSOLE_ROLES.includes(role))) {
    session = null;
    throw new ApiError([{ message: t('notForConsole') }]);
  }
  if (data.me.mustChangePassword) {
    session = null;
    throw new ApiError([{ message: t('mustChangePassword') }]);
  }
  session.user = { username: data.me.username, roles };
  // The token says how long it lasts; the session ends a little before, so no request goes out with a dead token.
  expiryTimer = setTimeout(() => signOut(t('sessionEnded')), Math.max(0, token.expires_in - 5) * 1000);
  return { user: session.user, answers };
}

/**
 * Fetches the named documents ahead of their first use (e.g. while the sign-in form waits for the user), so the
 * first page after sign-in does not wait for them one request after another. Documents are static files, no data.
 */
export function prefetch(...names) {
  names.forEach((name) => documentNamed(name).catch(() => {}));
}

function documentNamed(name) {
  if (!documents.has(name)) {
    const text = fetch(`graphql/${name}.graphql`).then((response) => {
      if (!response.ok) throw new Error(`no GraphQL document '${name}' in the console`);
      return response.text();
    });
    // A failed fetch is not remembered: the next use asks again.
    text.catch(() => documents.delete(name));
    documents.set(name, text);
  }
  return documents.get(name);
}

/**
 * Runs one of the console's named GraphQL documents with the user's token. Resolves to { data, errors, withheld } (errors
 * may come with partial data, e.g. a refusal of one field); a token the API no longer accepts ends the session.
 */
export async function run(name, variables = {}) {
  if (!session) throw new ApiError([{ message: t('sessionEnded') }]);
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${session.token}` },
    body: JSON.stringify({ query: await documentNamed(name), operationName: name, variables }),
  });
  if (response.status === 401) {
    signOut(t('sessionEnded'));
    throw new ApiError([{ message: t('sessionEnded') }]);
  }
  const body = await response.json();
  // Figures resting on fewer members than the privacy minimum come back null, listed here (roles without full access).
  return { data: body.data ?? null, errors: body.errors ?? [], withheld: body.extensions?.privacy?.withheld ?? [] };
}

/**
 * What a mutation answered as not done: the GraphQL errors (bad input, forbidden) or else the refusals in its
 * payload's errors (not found, taken, ...).
 */
export function refusals(answer, mutation) {
  return answer.errors.length ? answer.errors : answer.data[mutation].errors;
}

/**
 * Sends a file to a REST endpoint with the user's token: a form (a file and its parameters, multipart) or the file as
 * the body with its content type. Resolves to { status, body }.
 */
export async function upload(path, body, contentType = null) {
  if (!session) throw new ApiError([{ message: t('sessionEnded') }]);
  const headers = { Authorization: `Bearer ${session.token}` };
  if (contentType) headers['Content-Type'] = contentType;
  const response = await fetch(path, { method: 'POST', headers, body });
  if (response.status === 401) {
    signOut(t('sessionEnded'));
    throw new ApiError([{ message: t('sessionEnded') }]);
  }
  const text = await response.text();
  let answer;
  try {
    answer = JSON.parse(text);
  } catch {
    answer = { reason: text };
  }
  return { status: response.status, body: answer };
}

/** Downloads a file from the API with the user's token (a link could not carry it without a URL). */
export async function download(path, filename) {
  const response = await fetch(path, { headers: { Authorization: `Bearer ${session.token}` } });
  if (!response.ok) throw new ApiError([{ message: `${response.status} ${await response.text()}` }]);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  URL.revokeObjectURL(url);
}
