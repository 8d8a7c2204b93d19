/**
 * Engagement: every interaction a member or an anonymous visitor has with the brand, from a visit to a
 * survey answer.
 */
package io.membergraph.engagement;
