/**
 * Customer analytics: RFM, cohort retention and the other weekly questions of CRM specialists and
 * marketers, computed from the write-time read models (member facts and each member's purchase rollup),
 * never by scanning orders. Definitions: {@code docs/analytics.md}.
 */
package io.membergraph.analytics;
