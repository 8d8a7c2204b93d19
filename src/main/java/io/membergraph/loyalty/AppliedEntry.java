package io.membergraph.loyalty;

/** An entry the account has applied, with the points it actually moved (after any cap). */
record AppliedEntry(String entryId, long points) {
}
