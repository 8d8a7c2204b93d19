package io.membergraph.commerce;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.membergraph.commerce.OrderInputs.UpsertProductInput;
import io.membergraph.commerce.internal.OrderRules;
import io.membergraph.shared.Connection;
import io.membergraph.shared.Cursor;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.Money;
import io.membergraph.shared.PageRequest;
import io.membergraph.store.Lookups;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** The products a brand sells, by sku. */
@Service
public class ProductCatalog {

	private final MongoTemplate mongo;

	ProductCatalog(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** Admins keep the catalogue; import jobs load it (see the ingest feature). */
	@PreAuthorize("hasRole('ADMIN') or hasAuthority('IMPORT_JOB')")
	public Product upsert(UpsertProductInput input) {
		return mongo.save(product(input));
	}

	/** Refuses the input as {@link #upsert} would, naming the field; writes nothing (an import's preview). */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST') or hasAuthority('IMPORT_JOB')")
	public void check(UpsertProductInput input) {
		product(input);
	}

	/** The product as the input describes it; its code as the source writes it, as orders carry it. */
	private static Product product(UpsertProductInput input) {
		String sku = OrderRules.sku("sku", input.sku());
		String name = InvalidInputException.oneLine("name", InvalidInputException.requireText("name", input.name()), 200);
		String category = InvalidInputException.oneLine("category",
				InvalidInputException.requireText("category", input.category()), 64);
		Money listPrice = InvalidInputException.require("listPrice", input.listPrice());
		if (listPrice.isNegative()) {
			throw new InvalidInputException("listPrice", "must not be negative");
		}
		String brand = input.brand() == null || input.brand().isBlank() ? null
				: InvalidInputException.oneLine("brand", input.brand().strip(), 100);
		return new Product(sku, name, category, brand, listPrice, input.active() == null || input.active());
	}

	@PreAuthorize("isAuthenticated()")
	public Product find(String sku) {
		return mongo.findById(sku, Product.class);
	}

	@PreAuthorize("isAuthenticated()")
	public Connection<Product> list(String category, PageRequest page) {
		Query query = category == null ? new Query() : Query.query(Criteria.where("category").is(category));
		if (page.after() != null) {
			query.addCriteria(Criteria.where("_id").gt(page.after().key(0)));
		}
		List<Product> products = mongo.find(query.with(Sort.by("_id")).limit(page.fetchSize()), Product.class);
		return Connection.of(products, page, p -> Cursor.of(p.sku()).encode());
	}

	Map<String, Product> bySku(Collection<String> skus) {
		return mongo.find(Lookups.byIds(skus), Product.class)
			.stream()
			.collect(Collectors.toMap(Product::sku, Function.identity()));
	}

}
