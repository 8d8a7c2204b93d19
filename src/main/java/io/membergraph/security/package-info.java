/**
 * Who may do what: accounts and bearer tokens, storefront API keys, the roles, and how personal data is
 * masked for roles that may not see it.
 */
package io.membergraph.security;
