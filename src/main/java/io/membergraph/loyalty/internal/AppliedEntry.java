package io.membergraph.loyalty.internal;

import io.membergraph.loyalty.EntryStatus;

/**
 * An entry the account has decided: applied with the points it actually moved (after any cap), or refused.
 * The decision lives in the account, which changes atomically, so every completer of an entry settles it
 * the same way.
 */
public record AppliedEntry(String entryId, long points, EntryStatus outcome, String note) {
}
