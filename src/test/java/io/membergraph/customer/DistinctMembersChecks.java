package io.membergraph.customer;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

import io.membergraph.customer.internal.ColumnView;
import io.membergraph.customer.internal.TimeColumns;

import static org.assertj.core.api.Assertions.assertThat;

/** What the views' tests check of a count of distinct members, for any kind of record. */
final class DistinctMembersChecks {

	private DistinctMembersChecks() {
	}

	/**
	 * Members counted by code where a record is a row and by id where it is recent, as the analyses count them, are the
	 * distinct members the records hold, however many are both.
	 */
	static <T, C extends TimeColumns<T>> void assertCountedByCodeAsById(ColumnView.Snapshot<T, C> snapshot,
			Function<T, String> memberOf, ColumnView.Snapshot.RowCode<C> memberCode, String when) {
		Set<String> byId = new HashSet<>();
		snapshot.forEach(Long.MIN_VALUE, Long.MAX_VALUE, ColumnView.all(), record -> {
			if (memberOf.apply(record) != null) {
				byId.add(memberOf.apply(record));
			}
		});
		DistinctMembers byCode = new DistinctMembers();
		snapshot.forEach(Long.MIN_VALUE, Long.MAX_VALUE, ColumnView.all(), memberCode,
				(record, code) -> byCode.add(memberOf.apply(record), code, snapshot.values()));
		assertThat(byCode.count()).as(when).isEqualTo(byId.size());
	}

}
