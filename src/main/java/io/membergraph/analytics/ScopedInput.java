package io.membergraph.analytics;

/** The input of an analysis that needs nothing but its scope ({@code MemberBaseInput}, {@code DetractorsInput}). */
record ScopedInput(ScopeInput scope) {
}
