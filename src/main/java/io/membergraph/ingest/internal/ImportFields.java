package io.membergraph.ingest.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.membergraph.ingest.ImportJob.ImportEntity;

/**
 * The fields an import reads, and those its mapping must provide before a row is read: a field is provided
 * by a column, a constant, another field, or a column of its own name in the file.
 *
 * @param all every field the import knows
 * @param required each requirement: one of its fields must be provided, for the reason given
 * @param usual the names exports write the fields under, for suggesting a mapping
 */
public record ImportFields(Set<String> all, List<Requirement> required, UsualColumns usual) {

	/**
	 * How a member import maps a column to a custom attribute the brand defined: {@code attributes.<key>}
	 * ({@code "attributes.skinType": "肤质"}); the key is checked against the definitions before any row is read.
	 */
	static final String ATTRIBUTE = "attributes.";

	/** Custom attributes one import maps at most: a brand defines a few dozen. */
	static final int MAX_ATTRIBUTES = 100;

	private static final java.util.regex.Pattern ATTRIBUTE_FIELD = java.util.regex.Pattern
		.compile("attributes\\.[a-z][A-Za-z0-9_]{0,39}");

	/** Whether the mapping may name the field: one of {@link #all}, or a custom attribute of a member import. */
	boolean accepts(String field) {
		return all.contains(field) || this == MEMBERS && ATTRIBUTE_FIELD.matcher(field).matches();
	}

	/** Entries a mapping may have: one per field, and the custom attributes of a member import. */
	int maxEntries() {
		return all.size() + (this == MEMBERS ? MAX_ATTRIBUTES : 0);
	}

	/** The custom attribute a field maps ({@code skinType} for {@code attributes.skinType}); null for other fields. */
	static String attributeOf(String field) {
		return field.startsWith(ATTRIBUTE) ? field.substring(ATTRIBUTE.length()) : null;
	}

	/**
	 * One of {@code anyOf} must be provided; {@code why} says what it is needed for. With {@code when}, only when
	 * that field is given (mapped, or a column of its name).
	 */
	record Requirement(List<String> anyOf, String why, String when) {

		Requirement(List<String> anyOf, String why) {
			this(anyOf, why, null);
		}

	}

	static final ImportFields MEMBERS = new ImportFields(
			set("name", "gender", "birthDate", "phone", "email", "province", "city", "occupation", "joinedAt",
					"joinChannel", "channel", "externalId", "unionId", "tags", "incomeBand", "smsConsent", "emailConsent",
					"wechatConsent", "appPushConsent", "phoneCallConsent"),
			List.of(new Requirement(List.of("name"), "every member has a name"),
					new Requirement(List.of("joinChannel", "channel"),
							"says where the member joined: map a column or give one for the file, e.g. {\"joinChannel\": {\"value\": \"STORE\"}}"),
					new Requirement(List.of("channel"), "names the channel whose customer id externalId is: map a column "
							+ "or give one for the file, e.g. {\"channel\": {\"value\": \"WEB\"}}", "externalId")),
			UsualColumns.MEMBERS);

	static final ImportFields PRODUCTS = new ImportFields(set("sku", "name", "category", "brand", "listPrice", "active"),
			List.of(new Requirement(List.of("sku"), "identifies the product")),
			UsualColumns.PRODUCTS);

	public static final ImportFields ORDERS = new ImportFields(
			set("orderNumber", "channel", "memberId", "memberPhone", "memberEmail", "memberExternalId", "storeId",
					"salesAssociate",
					"placedAt", "paidAt", "shippedAt", "deliveredAt", "completedAt", "cancelledAt", "sku", "category",
					"quantity", "unitPrice", "lineAmount", "discount", "paidAmount", "couponCode", "campaignId", "status",
					"originalOrderNumber", "currency", "refundedAmount", "refundedAt"),
			List.of(new Requirement(List.of("orderNumber"), "the lines of one order share it"),
					new Requirement(List.of("channel"),
							"orders are numbered per channel: map a column or give one for the file, e.g. {\"channel\": {\"value\": \"WEB\"}}"),
					new Requirement(List.of("placedAt"), "dates the order"),
					new Requirement(List.of("paidAt"), "decides whether an order counts (unpaid orders count nowhere): map "
							+ "the payment time, or {\"paidAt\": {\"sameAs\": \"placedAt\"}} when every order of the file was paid"),
					new Requirement(List.of("sku"), "names the product of each line"),
					new Requirement(List.of("quantity"), "the units of each line"),
					new Requirement(List.of("unitPrice", "lineAmount"), "prices each line"),
					new Requirement(List.of("refundedAt"), "dates the refund that refundedAmount gives back: map its "
							+ "column, or e.g. {\"refundedAt\": {\"sameAs\": \"cancelledAt\"}}", "refundedAmount")),
			UsualColumns.ORDERS);

	static final ImportFields INTERACTIONS = new ImportFields(
			set("eventId", "memberId", "memberPhone", "memberEmail", "memberExternalId", "visitorId", "channel", "type",
					"occurredAt",
					"sku", "campaignId", "score"),
			List.of(new Requirement(List.of("channel"), "where it happened: map a column or give one for the file"),
					new Requirement(List.of("type"), "what happened"),
					new Requirement(List.of("occurredAt"), "dates it: history is not dated today")),
			UsualColumns.INTERACTIONS);

	/** The column each field not mapped yet looks like (see {@link UsualColumns#likely}). */
	public java.util.Map<String, String> likelyColumns(java.util.Collection<String> columns, FieldMapping mapping) {
		return usual.likely(all, columns, mapping.mappedFields(), mapping.mappedColumns());
	}

	/** The columns each field written across several looks like, for fields {@code likely} gives none. */
	java.util.Map<String, UsualColumns.Split> likelySplit(java.util.Collection<String> columns, FieldMapping mapping,
			java.util.Map<String, String> likely) {
		return usual.likelySplit(columns, mapping.mappedFields(), likely, mapping.mappedColumns());
	}

	public static ImportFields of(ImportEntity entity) {
		return switch (entity) {
			case MEMBERS -> MEMBERS;
			case PRODUCTS -> PRODUCTS;
			case ORDERS -> ORDERS;
			case INTERACTIONS -> INTERACTIONS;
		};
	}

	private static Set<String> set(String... fields) {
		return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(List.of(fields)));
	}

}
