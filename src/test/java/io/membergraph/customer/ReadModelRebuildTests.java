package io.membergraph.customer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.membergraph.ApplicationTest;
import io.membergraph.member.Member;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After a long random sequence of writes (orders paid and unpaid through the API and through imports,
 * replays, partial and full refunds, redemptions, adjustments, interactions recorded and imported, and
 * member merges), rebuilding every read model from its source finds nothing to mend; state corrupted behind
 * the API's back is found and mended.
 */
class ReadModelRebuildTests extends ApplicationTest {

	private static final String[] INTERACTION_TYPES = { "VISIT", "BROWSE", "ADD_TO_CART", "FAVOURITE", "REVIEW" };

	private static final String[][] PRODUCTS = { { "SK-1001", "skincare", "420.00" }, { "FR-3001", "fragrance", "980.00" },
			{ "HC-4001", "haircare", "129.00" }, { "MU-2002", "makeup", "270.50" } };

	@Test
	void aRandomHistoryOfWritesLeavesEveryReadModelEqualToItsSourceAndCorruptionIsMended() {
		Random random = new Random(20261123);
		List<String> members = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			members.add(registerMember("Random " + i));
		}
		List<Map<String, Object>> paidOrders = new ArrayList<>();
		Map<String, Long> refundable = new HashMap<>();
		List<String> everyone = new ArrayList<>(members);
		for (int step = 0; step < 160; step++) {
			String member = members.get(random.nextInt(members.size()));
			int action = random.nextInt(100);
			if (action < 35 || paidOrders.isEmpty()) {
				Map<String, Object> order = order(member, "APP", "RND-" + member + "-" + step, random);
				as("storefront").documentName("recordOrder").variable("input", order).execute()
					.path("recordOrder.errors").entityList(Object.class).hasSize(0);
				if (order.containsKey("paidAt")) {
					paidOrders.add(order);
					refundable.put((String) order.get("orderNumber"), total(order));
				}
			}
			else if (action < 50) {
				Map<String, Object> order = paidOrders.get(random.nextInt(paidOrders.size()));
				String number = (String) order.get("orderNumber");
				long left = refundable.get(number);
				if (left > 0) {
					long amount = random.nextBoolean() ? left : 1 + random.nextInt((int) left);
					as("support").documentName("refundOrder")
						.variable("input", Map.of("channel", order.get("channel"), "orderNumber", number, "refundId", "R" + step,
								"amount", String.format("%d.%02d", amount / 100, amount % 100)))
						.execute().path("refundOrder.errors").entityList(Object.class).hasSize(0);
					refundable.put(number, left - amount);
				}
			}
			else if (action < 56) {
				as("storefront").documentName("redeemPoints")
					.variable("input", Map.of("memberId", member, "points", 10 + random.nextInt(800), "idempotencyKey", "rd" + step))
					.execute();
			}
			else if (action < 62) {
				int points = random.nextInt(200) - 50;
				as("crm").documentName("adjustPoints")
					.variable("input", Map.of("memberId", member, "points", points == 0 ? 7 : points, "idempotencyKey",
							"adj" + step, "reason", "random"))
					.execute();
			}
			else if (action < 68) {
				Map<String, Object> replay = paidOrders.get(random.nextInt(paidOrders.size()));
				as("storefront").documentName("recordOrder").variable("input", replay).execute()
					.path("recordOrder.replayed").entity(Boolean.class).isEqualTo(true);
			}
			else if (action < 82) {
				String type = INTERACTION_TYPES[random.nextInt(INTERACTION_TYPES.length)];
				as("storefront").documentName("recordInteraction")
					.variable("input", Map.of("memberId", member, "channel", "APP", "type", type, "occurredAt",
							"2026-%02d-%02dT10:00:00Z".formatted(1 + random.nextInt(10), 1 + random.nextInt(28))))
					.execute().path("recordInteraction.errors").entityList(Object.class).hasSize(0);
			}
			else if (action < 91) {
				importOrders(members, step, random, paidOrders, refundable);
			}
			else if (action < 96) {
				importInteractions(members, step, random);
			}
			else if (members.size() > 3) {
				String merged = members.remove(random.nextInt(members.size()));
				String survivor = members.get(random.nextInt(members.size()));
				as("crm").documentName("mergeMembers")
					.variable("input", Map.of("survivorId", survivor, "mergedId", merged, "reason", "random"))
					.execute().path("mergeMembers.errors").entityList(Object.class).hasSize(0);
			}
		}

		assertNothingToMendFor(everyone, rebuild(false));

		MongoTemplate mongo = bean(MongoTemplate.class);
		mongo.updateFirst(Query.query(Criteria.where("_id").is(members.get(0))), new Update().inc("stats.orderCount", 1),
				Member.class);
		mongo.updateFirst(Query.query(Criteria.where("_id").is(members.get(2))), new Update().inc("lifetimeEarned", 5),
				"points_accounts");
		mongo.remove(Query.query(Criteria.where("_id").is(members.get(0))), "member_purchases");
		mongo.remove(Query.query(Criteria.where("memberId").is(members.get(1))), "member_interaction_months");
		rebuild(false)
			.path("rebuildReadModels.report.memberStats").entityList(String.class).contains(members.get(0))
			.path("rebuildReadModels.report.pointsTotals").entityList(String.class).contains(members.get(2))
			.path("rebuildReadModels.report.memberPurchases").entityList(String.class).contains(members.get(0))
			.path("rebuildReadModels.report.interactionMonths").entityList(String.class).contains(members.get(1));
		rebuild(true);
		assertNothingToMendFor(everyone, rebuild(false));
	}

	/**
	 * An order written before the bounds were enforced (a quantity of 2^31-1, a 1970 date) is named in the report,
	 * field and value, and the store is not called consistent; nothing is changed, since only the source knows.
	 */
	@Test
	void storedValuesBeyondTheBoundsAreReportedNotRepaired() {
		String number = "LEGACY-" + newPhone();
		as("admin").documentName("recordOrder")
			.variable("input", Map.of("channel", "WEB", "orderNumber", number, "placedAt", "2026-01-01T10:00:00Z",
					"paidAt", "2026-01-01T10:00:00Z", "lines", List.of(Map.of("sku", "SK-1001", "quantity", 1, "unitPrice", "10.00"))))
			.execute().path("recordOrder.errors").entityList(Object.class).hasSize(0);
		MongoTemplate mongo = bean(MongoTemplate.class);
		Query legacy = Query.query(Criteria.where("orderNumber").is(number));
		mongo.updateFirst(legacy, new Update().set("lines.0.quantity", Integer.MAX_VALUE)
			.set("placedAt", java.util.Date.from(java.time.Instant.parse("1970-01-01T00:00:00Z"))), "orders");
		try {
			rebuild(true)
				.path("rebuildReadModels.report.consistent").entity(Boolean.class).isEqualTo(false)
				.path("rebuildReadModels.report.outOfBounds").entityList(String.class).satisfies(problems -> assertThat(problems)
					.anyMatch(p -> p.contains(number) && p.contains("lines[0].quantity 2147483647"))
					.anyMatch(p -> p.contains(number) && p.contains("placedAt 1970-01-01T00:00:00Z")));
			assertThat(mongo.findOne(legacy, org.bson.Document.class, "orders").getList("lines", org.bson.Document.class)
				.get(0).getInteger("quantity")).as("left as it was").isEqualTo(Integer.MAX_VALUE);
		}
		finally {
			mongo.remove(legacy, "orders");
		}
	}

	private GraphQlTester.Response rebuild(boolean repair) {
		return as("admin").documentName("rebuildReadModels").variable("repair", repair).execute();
	}

	private static void assertNothingToMendFor(List<String> members, GraphQlTester.Response report) {
		for (String list : List.of("memberStats", "memberOrderLists", "memberPurchases", "interactionMonths", "pointsTotals",
				"pointsLots")) {
			report.path("rebuildReadModels.report." + list).entityList(String.class)
				.satisfies(ids -> assertThat(ids).as(list).doesNotContainAnyElementsOf(members));
		}
	}

	/** One or two orders of random members as an order-line export, loaded through an import job. */
	private void importOrders(List<String> members, int step, Random random, List<Map<String, Object>> paidOrders,
			Map<String, Long> refundable) {
		StringBuilder csv = new StringBuilder("orderNumber,channel,memberId,placedAt,paidAt,sku,category,quantity,unitPrice\n");
		for (int o = 0; o <= random.nextInt(2); o++) {
			String member = members.get(random.nextInt(members.size()));
			Map<String, Object> order = order(member, "WEB", "IMP-" + member + "-" + step + "-" + o, random);
			for (Object line : (List<?>) order.get("lines")) {
				Map<?, ?> l = (Map<?, ?>) line;
				csv.append(String.join(",", (String) order.get("orderNumber"), "WEB", member, (String) order.get("placedAt"),
						(String) order.getOrDefault("paidAt", ""), (String) l.get("sku"), (String) l.get("category"),
						String.valueOf(l.get("quantity")), (String) l.get("unitPrice"))).append('\n');
			}
			if (order.containsKey("paidAt")) {
				paidOrders.add(order);
				refundable.put((String) order.get("orderNumber"), total(order));
			}
		}
		awaitImport(startImport("orders", "admin", csv.toString(), "{}", null))
			.path("importJob.rowsRejected").entity(Integer.class).isEqualTo(0);
	}

	private void importInteractions(List<String> members, int step, Random random) {
		StringBuilder csv = new StringBuilder("memberId,channel,type,occurredAt\n");
		for (int i = 0; i < 1 + random.nextInt(4); i++) {
			csv.append(members.get(random.nextInt(members.size()))).append(",WECHAT,")
				.append(INTERACTION_TYPES[random.nextInt(INTERACTION_TYPES.length)].toLowerCase()).append(',')
				.append("2026-%02d-%02d %02d:00".formatted(1 + random.nextInt(10), 1 + random.nextInt(28), step % 24))
				.append('\n');
		}
		awaitImport(startImport("interactions", "crm", csv.toString(), "{}", null))
			.path("importJob.rowsRejected").entity(Integer.class).isEqualTo(0);
	}

	private static Map<String, Object> order(String member, String channel, String number, Random random) {
		List<Map<String, Object>> lines = new ArrayList<>();
		for (int l = 0; l <= random.nextInt(3); l++) {
			String[] product = PRODUCTS[random.nextInt(PRODUCTS.length)];
			lines.add(Map.of("sku", product[0] + "-" + l, "category", product[1], "quantity", 1 + random.nextInt(3),
					"unitPrice", product[2]));
		}
		String at = "2026-%02d-%02dT10:00:00+08:00".formatted(1 + random.nextInt(10), 1 + random.nextInt(28));
		Map<String, Object> order = new HashMap<>(Map.of("channel", channel, "orderNumber", number, "memberId", member,
				"placedAt", at, "lines", lines));
		if (random.nextInt(100) < 85) {
			order.put("paidAt", at);
		}
		return order;
	}

	@SuppressWarnings("unchecked")
	private static long total(Map<String, Object> order) {
		long total = 0;
		for (Map<String, Object> line : (List<Map<String, Object>>) order.get("lines")) {
			total += Math.round(Double.parseDouble((String) line.get("unitPrice")) * 100) * (Integer) line.get("quantity");
		}
		return total;
	}

}
