package io.membergraph.ingest;

import io.membergraph.commerce.OrderBatches;
import io.membergraph.commerce.ProductCatalog;
import io.membergraph.engagement.InteractionLog;
import io.membergraph.member.MemberDirectory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Where each kind of import's rows go; a dry run (the preview) checks them as loading would and writes nothing. */
@Component
class ImportSinks {

	private final MemberImport members;

	private final ProductCatalog catalog;

	private final OrderBatches orders;

	private final InteractionLog interactions;

	private final MemberDirectory directory;

	private final MongoTemplate mongo;

	private final ImportSettings settings;

	ImportSinks(MemberImport members, ProductCatalog catalog, OrderBatches orders, InteractionLog interactions,
			MemberDirectory directory, MongoTemplate mongo, ImportSettings settings) {
		this.members = members;
		this.catalog = catalog;
		this.orders = orders;
		this.interactions = interactions;
		this.directory = directory;
		this.mongo = mongo;
		this.settings = settings;
	}

	RowSink sinkFor(ImportSpec spec, boolean dryRun) {
		return switch (spec.entity()) {
			case MEMBERS -> new MemberRows(members, mongo, spec, dryRun);
			case PRODUCTS -> new ProductRows(catalog, spec.mapping(), dryRun);
			case ORDERS -> new OrderRows(orders, directory, spec, settings, dryRun);
			case INTERACTIONS -> new InteractionRows(interactions, directory, spec, dryRun);
		};
	}

}
