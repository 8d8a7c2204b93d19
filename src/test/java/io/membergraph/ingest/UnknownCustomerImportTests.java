package io.membergraph.ingest;

import java.util.List;
import java.util.Map;

import io.membergraph.ApplicationTest;
import io.membergraph.ingest.internal.FieldMapping;
import io.membergraph.ingest.internal.ImportFields;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An order log keyed by the shop's own customer numbers, with no member file (as public web-shop exports are):
 * by default an order of a customer no member has is refused with the way out; with {@code unknownMembers=REGISTER}
 * each customer becomes a member once, holding that channel account, joined with its first order and welcomed as
 * of then, and importing the log again changes nothing.
 */
class UnknownCustomerImportTests extends ApplicationTest {

	private static final String MAPPING = """
			{"orderNumber":"InvoiceNo","sku":"StockCode","quantity":"Quantity","unitPrice":"UnitPrice",
			 "placedAt":"InvoiceDate","paidAt":{"sameAs":"placedAt"},"memberExternalId":"CustomerID",
			 "channel":{"value":"WEB"}}""";

	/** A shop's order export naming its customers by phone. */
	private static final String SHOP_MAPPING = """
			{"orderNumber":"Name","memberPhone":"Phone","placedAt":"Created at","paidAt":{"sameAs":"placedAt"},
			 "quantity":"Lineitem quantity","unitPrice":"Lineitem price","sku":"Lineitem sku","channel":{"value":"WEB"}}""";

	@Test
	void ordersOfUnknownCustomersAreRefusedWithTheWayOutByDefault() {
		String customer = newPhone();
		String log = "InvoiceNo,StockCode,Quantity,UnitPrice,InvoiceDate,CustomerID\nUK-%s,85123A,6,2.55,2025-12-01 08:26,%s\n"
			.formatted(customer, customer);

		String job = startImport("orders", "crm", log, MAPPING, null);

		awaitImport(job).path("importJob.rowsRejected").entity(Integer.class).isEqualTo(1);
		as("crm").documentName("importRejects").variable("jobId", job).execute()
			.path("importRejects.edges[0].node.reason").entity(String.class)
			.satisfies(reason -> assertThat(reason).contains("no member has WEB account " + customer)
				.contains("unknownMembers=REGISTER"));
	}

	/**
	 * Two imports of one log, side by side, both registering its unknown customers: whichever registers a customer
	 * first, the other finds that member and links its orders to it, rather than rejecting them as unknown (every
	 * row of the second import was rejected so, telling the user to pass the REGISTER it had passed).
	 */
	@Test
	void twoImportsRegisteringTheSameCustomersAtOnceLinkTheirOrdersToOneMemberEach() {
		// Phones of their own range (a fresh phone's counter, then the row), apart from newPhone()'s.
		String prefix = "166" + newPhone().substring(6);
		StringBuilder log = new StringBuilder("Name,Phone,Created at,Lineitem quantity,Lineitem price,Lineitem sku\n");
		for (int i = 0; i < 120; i++) {
			log.append("#T%s-%d,%s%03d,2025-11-02 10:00:00,1,19.90,SH-TEE\n".formatted(prefix, i, prefix, i));
		}
		String first = startImport("orders", "crm", log.toString(), SHOP_MAPPING, null, null, "REGISTER");
		String second = startImport("orders", "crm", log.toString(), SHOP_MAPPING, null, null, "REGISTER");

		for (String job : List.of(first, second)) {
			awaitImport(job).path("importJob.failure").valueIsNull()
				.path("importJob.status").entity(String.class).isEqualTo("COMPLETED")
				.path("importJob.rowsRejected").entity(Integer.class).isEqualTo(0);
		}
		for (int i : new int[] { 0, 59, 119 }) {
			String member = as("crm").documentName("memberByContact").variable("phone", "%s%03d".formatted(prefix, i))
				.execute().path("memberByContact.id").entity(String.class).get();
			as("crm").documentName("memberStats").variable("id", member).execute()
				.path("member.stats.orderCount").entity(Integer.class).isEqualTo(1);
		}
		assertPointsAuditFindsNothing();
	}

	/**
	 * A customer whose registration (by another import, or the API) has claimed the phone and not yet written its
	 * member, as the import looks: the import waits for that member and gives it the order, rather than refusing
	 * the order or registering the customer twice. (Under load the wait was long enough to lose a few rows of
	 * {@link #twoImportsRegisteringTheSameCustomersAtOnceLinkTheirOrdersToOneMemberEach}.)
	 */
	@Test
	void anOrderOfACustomerWhoseRegistrationIsBetweenItsTwoWritesGoesToThatMember() throws InterruptedException {
		String phone = newPhone();
		String log = "Name,Phone,Created at,Lineitem quantity,Lineitem price,Lineitem sku\n#F%s,%s,2025-11-02 10:00:00,1,19.90,SH-TEE\n"
			.formatted(phone, phone);
		MetRegistration met = duringRegistration("Registered Meanwhile", phone,
				() -> startImport("orders", "crm", log, SHOP_MAPPING, null, null, "REGISTER"));
		String member = met.memberId();
		String job = met.started();

		awaitImport(job).path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(1)
			.path("importJob.rowsRejected").entity(Integer.class).isEqualTo(0);
		as("crm").documentName("memberStats").variable("id", member).execute()
			.path("member.stats.orderCount").entity(Integer.class).isEqualTo(1);
		as("crm").documentName("members").variable("filter", Map.of("phone", phone)).execute()
			.path("members.edges[*].node.id").entityList(String.class).containsExactly(member);
	}

	@Test
	void withRegisterEachUnknownCustomerBecomesOneMemberJoinedWithItsFirstOrder() {
		String first = newPhone();
		String second = newPhone();
		String log = "InvoiceNo,StockCode,Quantity,UnitPrice,InvoiceDate,CustomerID\n"
				+ "A-%s,85123A,6,2.55,2025-12-01 08:26,%s\n".formatted(first, first)
				+ "A-%s,22633,6,1.85,2025-12-01 08:26,%s\n".formatted(first, first)
				+ "B-%s,84879,32,1.6875,2025-12-03 10:00,%s\n".formatted(second, second)
				+ "C-%s,22960,1,4.25,2025-12-09 09:00,%s\n".formatted(first, first);

		awaitImport(startImport("orders", "crm", log, MAPPING, null, null, "REGISTER"))
			.path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(4)
			.path("importJob.rowsRejected").entity(Integer.class).isEqualTo(0);
		awaitImport(startImport("orders", "crm", log, MAPPING, null, null, "REGISTER"))
			.path("importJob.rowsDuplicate").entity(Integer.class).isEqualTo(4);

		String member = registeredAs("WEB", first);
		as("crm").documentName("memberStats").variable("id", member).execute()
			.path("member.stats.orderCount").entity(Integer.class).isEqualTo(2)
			.path("member.stats.totalSpend").entity(String.class).isEqualTo("30.65");
		as("crm").documentName("memberProfile").variable("id", member).execute()
			.path("member.name").entity(String.class).isEqualTo("WEB " + first)
			.path("member.joinChannel").entity(String.class).isEqualTo("WEB")
			.path("member.joinedAt").entity(String.class).isEqualTo("2025-12-01T00:26:00Z");
		as("crm").documentName("memberPoints").variable("id", member).execute()
			.path("member.tierHistory[*].reason").entityList(String.class).containsExactly("ENTRY");
		as("crm").documentName("pointsLedger").variable("memberId", member).execute()
			.path("pointsLedger.edges[*].node.reason").entityList(String.class)
			.satisfies(reasons -> assertThat(reasons).containsOnlyOnce("REGISTRATION").containsOnlyOnce("FIRST_ORDER"));
		as("crm").documentName("memberByIdentity").variable("channel", "WEB").variable("externalId", second).execute()
			.path("memberByIdentity.id").entity(String.class).satisfies(id -> assertThat(id).isNotEqualTo(member));
	}

	/**
	 * A purchase log without order numbers (CDNOW's: customer, day, units, amount, separated by spaces) loads with
	 * the customer and the day joined into the order's number, with a dash where a name's parts get a space: an
	 * order number holds no spaces, and every row was refused for it.
	 */
	@Test
	void aPurchaseLogWithoutOrderNumbersLoadsWithTheCustomerAndTheDayJoinedAsTheNumber() {
		String customer = "CD" + newPhone();
		String log = " customer_id  date number_of_cds  dollar_value\r\n"
				+ " %s 20250101  2   29.33\r\n".formatted(customer)
				+ " %s 20250318  1   11.77\r\n".formatted(customer);
		String mapping = """
				{"orderNumber": {"columns": ["customer_id", "date"]}, "memberExternalId": "customer_id",
				 "channel": {"value": "WEB"}, "placedAt": "date", "paidAt": {"sameAs": "placedAt"}, "sku": {"value": "CD"},
				 "quantity": "number_of_cds", "lineAmount": "dollar_value"}""";

		awaitImport(startImport("orders", "crm", log, Map.of("mapping", mapping, "delimiter", "whitespace",
				"dateFormat", "yyyyMMdd", "unknownMembers", "REGISTER", "zone", "America/New_York", "currency", "USD")))
			.path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(2)
			.path("importJob.rowsRejected").entity(Integer.class).isEqualTo(0);

		String member = registeredAs("WEB", customer);
		as("crm").documentName("memberStats").variable("id", member).execute()
			.path("member.stats.orderCount").entity(Integer.class).isEqualTo(2)
			.path("member.stats.totalSpend").entity(String.class).isEqualTo("41.10");
		as("crm").document("query($id: ID!) { member(id: $id) { orders(first: 5) { edges { node { orderNumber } } } } }")
			.variable("id", member).execute()
			.path("member.orders.edges[*].node.orderNumber").entityList(String.class)
			.contains(customer + "-20250101", customer + "-20250318").hasSize(2);
	}

	/**
	 * A web shop's order export names its customers by e-mail (Shopify's {@code Name}, {@code Email}, {@code Lineitem}
	 * columns): a known member is found by it, whatever its case, and with REGISTER an unknown one becomes a member
	 * holding that e-mail, once.
	 */
	@Test
	void aShopsOrderExportFindsItsCustomersByEmail() {
		String known = "Known." + newPhone() + "@Example.com";
		String knownId = as("crm").documentName("registerMember").variable("input", Map.of("name", "Known Buyer",
				"email", known.toLowerCase(java.util.Locale.ROOT), "joinChannel", "WEB")).execute()
			.path("registerMember.member.id").entity(String.class).get();
		String unknown = "new." + newPhone() + "@example.com";
		// A gift card has no SKU in such exports: its name stands in ("firstOf").
		String export = "Name,Email,Created at,Lineitem quantity,Lineitem price,Lineitem sku,Lineitem name\n"
				+ "#%s,%s,2025-11-02 10:00:00 +0100,2,19.90,SH-TEE,Tee\n".formatted(knownId, known)
				+ "#%s,%s,2025-11-03 11:00:00 +0100,1,49.00,SH-HOOD,Hoodie\n".formatted(unknown.substring(4, 15), unknown)
				+ "#%s,%s,2025-11-03 11:00:00 +0100,1,25.00,,Gift Card\n".formatted(unknown.substring(4, 15), unknown);
		String mapping = """
				{"orderNumber":"Name","memberEmail":"Email","placedAt":"Created at","paidAt":{"sameAs":"placedAt"},
				 "quantity":"Lineitem quantity","unitPrice":"Lineitem price","sku":{"firstOf":["Lineitem sku","Lineitem name"]},
				 "channel":{"value":"WEB"}}""";

		awaitImport(startImport("orders", "crm", export, mapping, null, null, "REGISTER"))
			.path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(3)
			.path("importJob.rowsRejected").entity(Integer.class).isEqualTo(0);

		as("crm").documentName("memberStats").variable("id", knownId).execute()
			.path("member.stats.totalSpend").entity(String.class).isEqualTo("39.80");
		String registered = as("crm").documentName("memberByContact").variable("email", unknown).execute()
			.path("memberByContact.name").entity(String.class).isEqualTo(unknown)
			.path("memberByContact.id").entity(String.class).get();
		as("crm").documentName("memberStats").variable("id", registered).execute()
			.path("member.stats.orderCount").entity(Integer.class).isEqualTo(1)
			.path("member.stats.totalSpend").entity(String.class).isEqualTo("74.00");
		as("crm").document("{ order(channel: WEB, orderNumber: \"#%s\") { lines { sku } } }".formatted(unknown.substring(4, 15)))
			.execute().path("order.lines[*].sku").entityList(String.class).containsExactly("SH-HOOD", "Gift Card");
	}


	/**
	 * Shopify's order export as it writes it: one row per line, the order's own fields (payment, status, currency,
	 * discount, refund) on its first row only. The mapping is the one its layout suggests, plus the channel and the
	 * refund's date.
	 */
	@Test
	void aShopifyOrderExportLoadsWithTheOrdersFieldsFromItsFirstRow() {
		String n = newPhone().substring(5);
		String header = "Name,Email,Financial Status,Paid at,Currency,Discount Code,Discount Amount,Created at,"
				+ "Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Refunded Amount,Cancelled at\n";
		String export = (header
				+ "#A%1$s,a%1$s@example.com,paid,2025-10-07 09:50:26 +0200,EUR,WELCOME10,10.00,2025-10-07 09:50:26 +0200,2,Masque,34.90,MSQ-1,0.00,\n"
				+ "#A%1$s,a%1$s@example.com,,,,,,2025-10-07 09:50:26 +0200,1,Serum,33.90,SRM-2,,\n"
				+ "#B%1$s,b%1$s@example.com,refunded,2025-10-09 10:00:00 +0200,EUR,,0.00,2025-10-09 10:00:00 +0200,1,Tee,20.00,TEE-1,20.00,\n"
				+ "#C%1$s,b%1$s@example.com,voided,,EUR,,0.00,2025-10-11 10:00:00 +0200,1,Cap,15.00,CAP-1,0.00,2025-10-11 12:00:00 +0200\n").formatted(n);
		Map<String, Object> mapping = suggestedMapping(header);
		mapping.put("orderNumber", "Name");
		mapping.put("channel", Map.of("value", "WEB"));
		mapping.put("refundedAt", Map.of("sameAs", "paidAt"));
		mapping.put("status", Map.of("column", "Financial Status", "values", Map.of("voided", "CANCELLED")));
		String json = new tools.jackson.databind.json.JsonMapper().writeValueAsString(mapping);

		awaitImport(startImport("orders", "crm", export, json, null, null, "REGISTER"))
			.path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(4)
			.path("importJob.rowsRejected").entity(Integer.class).isEqualTo(0);

		String order = "{ order(channel: WEB, orderNumber: \"%s\") { status currency paidAt paidAmount refundedAmount "
				+ "cancelledAt lines { sku } } }";
		as("crm").document(order.formatted("#A" + n)).execute()
			.path("order.status").entity(String.class).isEqualTo("PAID")
			.path("order.currency").entity(String.class).isEqualTo("EUR")
			.path("order.paidAt").entity(String.class).isEqualTo("2025-10-07T07:50:26Z")
			// 2 x 34.90 + 33.90 less the order's discount of 10.00
			.path("order.paidAmount").entity(String.class).isEqualTo("93.70")
			.path("order.lines[*].sku").entityList(String.class).containsExactly("MSQ-1", "SRM-2");
		as("crm").document(order.formatted("#B" + n)).execute()
			.path("order.refundedAmount").entity(String.class).isEqualTo("20.00");
		as("crm").document(order.formatted("#C" + n)).execute()
			.path("order.status").entity(String.class).isEqualTo("CANCELLED")
			.path("order.cancelledAt").entity(String.class).isEqualTo("2025-10-11T10:00:00Z");
		String b = as("crm").documentName("memberByContact").variable("email", "b" + n + "@example.com").execute()
			.path("memberByContact.id").entity(String.class).get();
		// The refunded order gave all back and the voided one was never paid: nothing spent.
		as("crm").documentName("memberStats").variable("id", b).execute()
			.path("member.stats.totalSpend").entity(String.class).isEqualTo("0.00");
	}

	/**
	 * Tableau's Superstore sample as Kaggle's copies have it: month-first dates, the line's amount as Sales, a
	 * discount rate that must not be read as an amount. The mapping its layout suggests, plus the date format, the
	 * channel and the payment, loads it.
	 */
	@Test
	void theSuperstoreSampleLoadsWithTheMappingItsLayoutSuggests() {
		String n = newPhone().substring(5);
		String header = "Row ID,Order ID,Order Date,Ship Date,Ship Mode,Customer ID,Customer Name,Segment,Country,City,"
				+ "State,Postal Code,Region,Product ID,Category,Sub-Category,Product Name,Sales,Quantity,Discount,Profit\n";
		String export = (header
				+ "1,CA-2016-%1$s,11/8/2016,11/11/2016,Second Class,CG-%1$s,Claire Gute,Consumer,United States,Henderson,"
				+ "Kentucky,42420,South,FUR-BO-10001798,Furniture,Bookcases,\"Bush Somerset Collection Bookcase\",261.96,2,0,41.9136\n"
				+ "2,CA-2016-%1$s,11/8/2016,11/11/2016,Second Class,CG-%1$s,Claire Gute,Consumer,United States,Henderson,"
				+ "Kentucky,42420,South,FUR-CH-10000454,Furniture,Chairs,\"Hon Deluxe Fabric Upholstered Stacking Chairs, "
				+ "Rounded Back\",731.94,3,0,219.582\n"
				+ "4,US-2015-%1$s,10/11/2015,10/18/2015,Standard Class,SO-%1$s,Sean O'Donnell,Consumer,United States,"
				+ "Fort Lauderdale,Florida,33311,South,FUR-TA-10000577,Furniture,Tables,\"Bretford CR4500 Series Slim "
				+ "Rectangular Table\",957.5775,5,0.45,-383.031\n").formatted(n);
		Map<String, Object> mapping = suggestedMapping(header);
		assertThat(mapping).doesNotContainKey("discount");
		mapping.put("channel", Map.of("value", "WEB"));
		mapping.put("paidAt", Map.of("sameAs", "placedAt"));
		awaitImport(startRegistering(export, mapping, "M/d/yyyy", "America/Chicago", "USD"))
			.path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(3)
			.path("importJob.rowsRejected").entity(Integer.class).isEqualTo(0);

		as("crm").document("{ order(channel: WEB, orderNumber: \"CA-2016-%s\") { placedAt shippedAt paidAmount lines { sku category } } }"
			.formatted(n)).execute()
			.path("order.placedAt").entity(String.class).isEqualTo("2016-11-08T06:00:00Z")
			.path("order.shippedAt").entity(String.class).isEqualTo("2016-11-11T06:00:00Z")
			.path("order.paidAmount").entity(String.class).isEqualTo("993.90")
			.path("order.lines[*].category").entityList(String.class).containsExactly("Furniture", "Furniture");
		// Sales with four decimals is the line's amount, rounded once; the 45% discount is in it already.
		as("crm").document("{ order(channel: WEB, orderNumber: \"US-2015-%s\") { paidAmount } }".formatted(n)).execute()
			.path("order.paidAmount").entity(String.class).isEqualTo("957.58");
	}

	/**
	 * Dunnhumby's The Complete Journey, the public loyalty-card data set: baskets of households, its days anonymised as
	 * numbers from 1. The suggested mapping, the day numbers counted from a date the import gives and joined with the
	 * time of day, and the households registered as members of the store channel.
	 */
	@Test
	void dunnhumbysCompleteJourneyLoadsWithItsDayNumbers() {
		String n = newPhone().substring(5);
		String header = "household_key,BASKET_ID,DAY,PRODUCT_ID,QUANTITY,SALES_VALUE,STORE_ID,RETAIL_DISC,TRANS_TIME,WEEK_NO,"
				+ "COUPON_DISC,COUPON_MATCH_DISC\n";
		String export = (header
				+ "H%1$s,2698%1$s1,1,1004906,1,1.39,364,-0.6,1631,1,0,0\n"
				+ "H%1$s,2698%1$s1,1,1033142,1,0.82,364,0,1631,1,0,0\n"
				+ "H%1$s,2698%1$s2,8,1036325,2,0.99,364,-0.3,1642,2,0,0\n"
				// A till's line of no units and no money (a coupon scanned) is left out; the basket loads.
				+ "H%1$s,2698%1$s3,9,1082185,1,1.00,364,0,1100,2,0,0\n"
				+ "H%1$s,2698%1$s3,9,6534178,0,0,364,0,1100,2,0,0\n"
				// No units but a price: which it is, the file does not say; the basket is refused with the reason.
				+ "H%1$s,2698%1$s4,10,1082185,0,2.50,364,0,1200,2,0,0\n").formatted(n);
		Map<String, Object> mapping = suggestedMapping(header);
		assertThat(mapping).containsEntry("orderNumber", "BASKET_ID").containsEntry("memberExternalId", "household_key")
			.containsEntry("lineAmount", "SALES_VALUE").containsEntry("quantity", "QUANTITY").containsEntry("storeId", "STORE_ID");
		// The day and the time of day (TRANS_TIME, 1631) joined.
		mapping.put("placedAt", Map.of("columns", List.of("DAY", "TRANS_TIME")));
		mapping.put("paidAt", Map.of("sameAs", "placedAt"));
		mapping.put("channel", Map.of("value", "STORE"));
		String job = startRegistering(export, mapping, "day-number:2020-01-01", "Europe/London", "USD");
		awaitImport(job)
			.path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(4)
			.path("importJob.rowsRejected").entity(Integer.class).isEqualTo(2);
		as("crm").documentName("importRejects").variable("jobId", job).execute()
			.path("importRejects.edges[*].node.reason").entityList(String.class).containsExactly(
					"sells no units and costs nothing: left out of order 2698%s3, whose other lines are read without it"
						.formatted(n),
					"is 0: a line sells or returns at least one unit");

		String member = registeredAs("STORE", "H" + n);
		as("crm").documentName("memberStats").variable("id", member).execute()
			.path("member.stats.orderCount").entity(Integer.class).isEqualTo(3)
			.path("member.stats.totalSpend").entity(String.class).isEqualTo("4.20")
			.path("member.stats.firstOrderAt").entity(String.class).isEqualTo("2020-01-01T16:31:00Z")
			.path("member.stats.lastOrderAt").entity(String.class).isEqualTo("2020-01-09T11:00:00Z");
	}

	/** Starts an order import that registers the customers no member has, the file's dates read as given. */
	/** The member an import registered for a customer of the channel's ids. */
	private String registeredAs(String channel, String externalId) {
		return as("crm").documentName("memberByIdentity").variable("channel", channel).variable("externalId", externalId)
			.execute().path("memberByIdentity.id").entity(String.class).get();
	}

	private String startRegistering(String export, Map<String, Object> mapping, String dateFormat, String zone,
			String currency) {
		return startImport("orders", "crm", export, Map.of("mapping",
				new tools.jackson.databind.json.JsonMapper().writeValueAsString(mapping), "dateFormat", dateFormat, "zone", zone,
				"currency", currency, "unknownMembers", "REGISTER"));
	}

	/** The mapping the layout suggests for an order export with this header, to be completed by the test. */
	private static Map<String, Object> suggestedMapping(String header) {
		return new java.util.LinkedHashMap<>(ImportFields.ORDERS.likelyColumns(
				java.util.Arrays.asList(header.strip().split(",")), FieldMapping.IDENTITY));
	}

}
