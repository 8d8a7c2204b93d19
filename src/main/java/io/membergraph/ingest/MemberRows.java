package io.membergraph.ingest;

import java.util.Set;

import io.membergraph.ingest.ImportCounts.RowOutcome;

/** Member rows settle one by one: each is cleaned and loaded or linked at once. */
final class MemberRows extends RowByRow {

	private final MemberImport members;

	private final ColumnMapping mapping;

	private final Cleaning cleaning;

	MemberRows(MemberImport members, ColumnMapping mapping, Cleaning cleaning) {
		super(mapping);
		this.members = members;
		this.mapping = mapping;
		this.cleaning = cleaning;
	}

	@Override
	public Set<String> fields() {
		return MemberImport.FIELDS;
	}

	@Override
	RowOutcome load(SourceRow row) {
		return members.load(members.clean(row, mapping, cleaning));
	}

}
