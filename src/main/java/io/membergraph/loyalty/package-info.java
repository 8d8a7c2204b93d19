/**
 * The loyalty programme: tiers now; the points ledger, earning rules and tier qualification build on it.
 */
package io.membergraph.loyalty;
