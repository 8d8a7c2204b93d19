package io.membergraph.loyalty;

/**
 * An entry the account has decided: applied with the points it actually moved (after any cap), or refused.
 * The decision lives in the account, which changes atomically, so every completer of an entry settles it
 * the same way.
 */
record AppliedEntry(String entryId, long points, EntryStatus outcome, String note) {
}
