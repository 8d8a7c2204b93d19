package io.membergraph.ingest.internal;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import io.membergraph.commerce.OrderInputs.UpsertProductInput;
import io.membergraph.commerce.Product;
import io.membergraph.commerce.ProductCatalog;
import io.membergraph.ingest.internal.ImportCounts.RowOutcome;
import io.membergraph.shared.InvalidInputException;

/**
 * Product rows settle one by one: a new SKU is loaded, a known one is updated (linked) when the row says
 * something new about it, and a row that changes nothing counts as a duplicate.
 */
public final class ProductRows extends RowByRow {

	/** Shop systems' words for a product on sale and taken off sale. */
	private static final Set<String> ON_SALE = Set.of("上架", "在售");

	private static final Set<String> OFF_SALE = Set.of("下架", "停售");

	private final ProductCatalog catalog;

	private final FieldMapping mapping;

	private final Amounts amounts;

	private final boolean dryRun;

	ProductRows(ProductCatalog catalog, FieldMapping mapping, Amounts amounts, boolean dryRun) {
		super(mapping);
		this.amounts = amounts;
		this.catalog = catalog;
		this.mapping = mapping;
		this.dryRun = dryRun;
	}

	@Override
	RowOutcome load(SourceRow row) {
		UpsertProductInput input = new UpsertProductInput(
				InvalidInputException.requireText("sku", Cleaning.identifier("sku", mapping.value(row, "sku"))),
				Cleaning.text(mapping.value(row, "name")),
				Cleaning.text(mapping.value(row, "category")), Cleaning.text(mapping.value(row, "brand")),
				amounts.amount("listPrice", mapping.value(row, "listPrice"), null), active(mapping.value(row, "active")));
		if (dryRun) {
			catalog.check(input);
		}
		Product before = catalog.find(input.sku().strip());
		if (dryRun) {
			return before == null ? RowOutcome.LOADED : RowOutcome.LINKED;
		}
		Product after = catalog.upsert(input);
		return before == null ? RowOutcome.LOADED : Objects.equals(before, after) ? RowOutcome.DUPLICATE : RowOutcome.LINKED;
	}

	private static Boolean active(String value) {
		return Cleaning.yesOrNo("active", value, ON_SALE, OFF_SALE);
	}

}
