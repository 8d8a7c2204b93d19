package io.membergraph.analytics.internal;

import io.membergraph.analytics.ScopeInput;

/** The input of an analysis that needs nothing but its scope ({@code MemberBaseInput}, {@code DetractorsInput}). */
public record ScopedInput(ScopeInput scope) {
}
