/**
 * The whole customer, as the read side sees it. It owns the in-memory views of what the other modules write
 * (member traits and facts, orders, guest sales, interactions, points), each refreshed from what was written since
 * the previous read; each live member's history joined from them; the lifecycle stage a customer is in on a day;
 * the scores stored by the latest runs (RFM, predictions); and the check and rebuild of the read models kept at
 * write time. Analyses, segments, predictions and campaigns read customers through this module, so none of them
 * needs another's data; it writes only the score documents, for the runs that compute them, and what a rebuild
 * mends.
 */
package io.membergraph.customer;
