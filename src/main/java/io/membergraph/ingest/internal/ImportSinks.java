package io.membergraph.ingest.internal;

import java.time.Instant;
import java.util.List;

import io.membergraph.commerce.OrderBatches;
import io.membergraph.commerce.OrderCorrections;
import io.membergraph.commerce.ProductCatalog;
import io.membergraph.engagement.InteractionLog;
import io.membergraph.ingest.ImportJob;
import io.membergraph.member.BulkRegistration;
import io.membergraph.member.MemberDirectory;
import io.membergraph.shared.InvalidInputException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Where each kind of import's rows go; a dry run (the preview) checks them as loading would and writes nothing. */
@Component
public class ImportSinks {

	private final MemberImport members;

	private final ProductCatalog catalog;

	private final OrderBatches orders;

	private final OrderCorrections corrections;

	private final InteractionLog interactions;

	private final MemberDirectory directory;

	private final MongoTemplate mongo;

	private final ImportSettings settings;

	private final BulkRegistration registrations;

	ImportSinks(MemberImport members, ProductCatalog catalog, OrderBatches orders, OrderCorrections corrections,
			InteractionLog interactions,
			MemberDirectory directory, BulkRegistration registrations, MongoTemplate mongo, ImportSettings settings) {
		this.registrations = registrations;
		this.members = members;
		this.catalog = catalog;
		this.orders = orders;
		this.corrections = corrections;
		this.interactions = interactions;
		this.directory = directory;
		this.mongo = mongo;
		this.settings = settings;
	}

	/**
	 * The job rows are loaded for. A job that finishes one a crash cut short finds done what it wrote before the
	 * crash (the rows after its last saved point are read again): those rows count as loaded, as they did.
	 */
	public record ForJob(String id, Instant startedAt, boolean resumed, long resumeFrom) {

		/** A preview: no job. */
		static final ForJob NONE = new ForJob(null, null, false, 0);

		/** Whether the row was settled before the job was cut short (and is counted already). */
		boolean settledBefore(long row) {
			return resumed && row < resumeFrom;
		}

		/** Whether something found written at {@code writtenAt} is this job's own, from before the crash. */
		boolean wroteBefore(Instant writtenAt) {
			return resumed && writtenAt != null && !writtenAt.isBefore(startedAt);
		}

	}

	/**
	 * Refuses a mapping that names what the brand has not defined (a member import's custom attributes), before
	 * any row is read.
	 */
	public void checkMapping(ImportSpec spec) {
		if (spec.entity() == ImportJob.ImportEntity.MEMBERS) {
			List<InvalidInputException.Problem> problems = members.undefinedAttributes(spec.mapping());
			if (!problems.isEmpty()) {
				throw new InvalidInputException(problems);
			}
		}
	}

	/** The custom attributes (key to label) an import of the entity may map: members' only. */
	public java.util.Map<String, String> attributes(ImportJob.ImportEntity entity) {
		java.util.Map<String, String> labels = new java.util.LinkedHashMap<>();
		if (entity == ImportJob.ImportEntity.MEMBERS) {
			members.attributeDefinitions().forEach((key, definition) -> labels.put(key, definition.label()));
		}
		return labels;
	}

	public RowSink sinkFor(ImportSpec spec, ForJob job, boolean dryRun) {
		return switch (spec.entity()) {
			case MEMBERS -> new MemberRows(members, mongo, spec, job, settings.batchRows(), dryRun);
			case PRODUCTS -> new ProductRows(catalog, spec.mapping(), spec.amounts(), dryRun);
			case ORDERS -> new OrderRows(orders, corrections, directory, registrations, spec, settings, job, dryRun);
			case INTERACTIONS -> new InteractionRows(interactions, directory, spec, settings.batchRows(), dryRun);
		};
	}

}
