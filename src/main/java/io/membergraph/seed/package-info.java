/**
 * Demo data: the reference data in {@code seed/} and a deterministic generator of members, orders and
 * interactions with a realistic shape, loaded on the embedded default.
 */
package io.membergraph.seed;
