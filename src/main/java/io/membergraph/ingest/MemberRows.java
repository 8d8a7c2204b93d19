package io.membergraph.ingest;

import java.util.List;
import java.util.Set;

import io.membergraph.shared.InvalidInputException;

/** Member rows settle one by one: each is cleaned and loaded or linked at once. */
final class MemberRows implements RowSink {

	private final MemberImport members;

	private final ColumnMapping mapping;

	private final Cleaning cleaning;

	MemberRows(MemberImport members, ColumnMapping mapping, Cleaning cleaning) {
		this.members = members;
		this.mapping = mapping;
		this.cleaning = cleaning;
	}

	@Override
	public Set<String> fields() {
		return MemberImport.FIELDS;
	}

	@Override
	public List<Settled> accept(SourceRow row) {
		try {
			return List.of(Settled.as(row, members.load(members.clean(row, mapping, cleaning))));
		}
		catch (InvalidInputException ex) {
			return List.of(new Settled(row, ImportCounts.RowOutcome.REJECTED, ex.field(), mapping.columnOf(ex.field()),
					ex.reason()));
		}
	}

	@Override
	public List<Settled> finish() {
		return List.of();
	}

}
