package io.membergraph.ingest.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.membergraph.ingest.internal.ImportCounts.RowOutcome;
import io.membergraph.shared.Digests;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.store.Lookups;
import org.bson.Document;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Member rows, cleaned as they are read and loaded in batches ({@link MemberImport#loadAll}): new members are
 * registered together, rows that find a known member (or another row of the batch) are linked one by one, in the
 * file's order. A row whose cleaned values were loaded before, by this import or an earlier one, is a duplicate:
 * the check is on the record as mapped, so importing again with a corrected mapping loads what changed.
 */
public final class MemberRows extends InBatches<MemberRows.Pending> {

	private static final String DIGESTS = "import_row_digests";

	/** A cleaned row waiting for its batch. */
	record Pending(SourceRow row, MemberImport.MemberRow member, String digest) implements InBatches.Cleaned {
	}

	private final MemberImport members;

	private final MongoTemplate mongo;

	private final FieldMapping mapping;

	private final Cleaning cleaning;

	private final ImportSinks.ForJob job;

	private final Map<String, io.membergraph.member.AttributeDefinition> attributes;

	MemberRows(MemberImport members, MongoTemplate mongo, ImportSpec spec, ImportSinks.ForJob job, int batchRows,
			boolean dryRun) {
		super(spec.mapping(), batchRows, dryRun);
		this.job = job;
		this.members = members;
		this.mongo = mongo;
		this.mapping = spec.mapping();
		this.cleaning = spec.cleaning();
		this.attributes = mapping.mappedFields().stream().anyMatch(field -> ImportFields.attributeOf(field) != null)
				? members.attributeDefinitions() : Map.of();
	}

	@Override
	Pending clean(SourceRow row) {
		MemberImport.MemberRow member = members.clean(row, mapping, cleaning, attributes);
		return new Pending(row, member, "MEMBERS|" + Digests.sha256Hex(member.toString(), 16));
	}

	/** What loading the row would do, writing nothing. */
	@Override
	Settled preview(Pending row) {
		if (mongo.findById(row.digest(), Document.class, DIGESTS) != null) {
			return Settled.as(row.row(), RowOutcome.DUPLICATE);
		}
		try {
			return Settled.as(row.row(), members.check(row.member()));
		}
		catch (InvalidInputException ex) {
			return Settled.rejected(row.row(), mapping, ex.field(), ex.reason());
		}
	}

	@Override
	List<Settled> load(List<Pending> pending) {
		Map<String, Document> loadedBefore = new HashMap<>();
		mongo.find(Lookups.byIds(pending.stream().map(Pending::digest).toList()), Document.class, DIGESTS)
			.forEach(d -> loadedBefore.put(d.getString("_id"), d));
		Map<Pending, Settled> settled = new HashMap<>();
		Set<String> inBatch = new HashSet<>();
		List<Pending> toLoad = new ArrayList<>();
		for (Pending row : pending) {
			Document loaded = loadedBefore.get(row.digest());
			if (loaded != null) {
				// Loaded before; by this very job if it is finishing after a crash, and then it counts as it did.
				settled.put(row, Settled.as(row.row(), job.resumed() && job.id().equals(loaded.getString("job"))
						? RowOutcome.valueOf(loaded.getString("outcome")) : RowOutcome.DUPLICATE));
			}
			else if (!inBatch.add(row.digest())) {
				settled.put(row, Settled.as(row.row(), RowOutcome.DUPLICATE));
			}
			else {
				toLoad.add(row);
			}
		}
		List<MemberImport.Loaded> outcomes = members.loadAll(toLoad.stream().map(Pending::member).toList());
		List<Document> digests = new ArrayList<>();
		for (int i = 0; i < toLoad.size(); i++) {
			Pending row = toLoad.get(i);
			MemberImport.Loaded outcome = outcomes.get(i);
			if (outcome.refused() != null) {
				settled.put(row, Settled.rejected(row.row(), mapping, outcome.refused().field(), outcome.refused().reason()));
			}
			else {
				settled.put(row, Settled.as(row.row(), outcome.outcome()));
				digests.add(new Document("_id", row.digest()).append("job", job.id()).append("outcome",
						outcome.outcome().name()));
			}
		}
		remember(digests);
		return pending.stream().map(settled::get).toList();
	}

	/** Notes the rows loaded; one another job noted meanwhile is the same member, loaded once. */
	private void remember(List<Document> digests) {
		if (digests.isEmpty()) {
			return;
		}
		try {
			mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, DIGESTS).insert(digests).execute();
		}
		catch (BulkOperationException loadedMeanwhile) {
			// Both outcomes are the same member.
		}
	}

}
