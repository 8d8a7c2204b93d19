/**
 * The whole customer, as the read side sees it: each live member's history (profile facts joined with the paid
 * orders, from in-memory views kept in step with what is written), the lifecycle stage it is in on a day, and the
 * scores stored by the latest runs (RFM, predictions). Analyses, segments, predictions and campaigns read customers
 * through this module, so none of them needs another's data; it writes only the score documents, for the runs that
 * compute them.
 */
package io.membergraph.customer;
