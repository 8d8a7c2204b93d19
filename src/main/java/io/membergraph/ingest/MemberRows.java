package io.membergraph.ingest;

import io.membergraph.ingest.ImportCounts.RowOutcome;
import io.membergraph.shared.Digests;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Member rows settle one by one: each is cleaned and loaded or linked at once. A row whose cleaned values were
 * loaded before, by this import or an earlier one, is a duplicate: the check is on the record as mapped, so
 * importing again with a corrected mapping loads what changed.
 */
final class MemberRows extends RowByRow {

	private static final String DIGESTS = "import_row_digests";

	private final MemberImport members;

	private final MongoTemplate mongo;

	private final FieldMapping mapping;

	private final Cleaning cleaning;

	private final boolean dryRun;

	private final ImportSinks.ForJob job;

	MemberRows(MemberImport members, MongoTemplate mongo, ImportSpec spec, ImportSinks.ForJob job, boolean dryRun) {
		super(spec.mapping());
		this.job = job;
		this.members = members;
		this.mongo = mongo;
		this.mapping = spec.mapping();
		this.cleaning = spec.cleaning();
		this.dryRun = dryRun;
	}

	@Override
	RowOutcome load(SourceRow row) {
		MemberImport.MemberRow member = members.clean(row, mapping, cleaning);
		String digest = "MEMBERS|" + Digests.sha256Hex(member.toString(), 16);
		Document loaded = mongo.findById(digest, Document.class, DIGESTS);
		if (loaded != null) {
			// Loaded before; by this very job if it is finishing after a crash, and then it counts as it did.
			return job.resumed() && job.id().equals(loaded.getString("job"))
					? RowOutcome.valueOf(loaded.getString("outcome")) : RowOutcome.DUPLICATE;
		}
		if (dryRun) {
			return members.check(member);
		}
		RowOutcome outcome = members.load(member);
		try {
			mongo.insert(new Document("_id", digest).append("job", job.id()).append("outcome", outcome.name()), DIGESTS);
		}
		catch (DuplicateKeyException loadedMeanwhile) {
			// Another job loaded the same member at the same time: both outcomes are the same member.
		}
		return outcome;
	}

}
