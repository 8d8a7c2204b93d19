/**
 * Members: registration, profiles, identities across channels, consent, custom attributes, the running
 * stats kept on each member, and the directory that finds members for each role.
 */
package io.membergraph.member;
