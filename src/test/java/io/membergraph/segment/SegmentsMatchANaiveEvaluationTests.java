package io.membergraph.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

import io.membergraph.ApplicationTest;
import io.membergraph.PinnedClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Random members and orders go in through the API; random segment queries are then previewed, and each preview
 * must select exactly the members that a naive check of the data as it was sent selects. The check is written
 * here independently of the application's evaluation: conditions as predicates over what the test sent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SegmentsMatchANaiveEvaluationTests extends ApplicationTest {

	private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	private static final List<String> CITIES = List.of("甲市", "乙市", "丙市");

	private static final List<String> TAGS = List.of("vip", "wholesale", "staff");

	private static final List<String[]> PRODUCTS = List.of(new String[] { "SK-1001", "420.00" },
			new String[] { "HC-4001", "129.00" }, new String[] { "FR-3001", "980.00" });

	private final String province = "随机省" + newPhone();

	private final Random random = new Random(20261124);

	private final LocalDate today = PinnedClock.DEFAULT.atZone(ZONE).toLocalDate();

	private final Map<String, Sent> members = new HashMap<>();

	/** A member as the test sent it. */
	record Sent(String city, LocalDate birthDate, String gender, List<String> tags, Boolean sms, List<SentOrder> orders) {
	}

	/** An order as the test sent it: day in the business zone, channel, paid amount less refunds, and its SKU. */
	record SentOrder(LocalDate day, String channel, long net, String sku, boolean counts) {
	}

	@BeforeAll
	void randomMembersAndOrders() {
		for (int i = 0; i < 30; i++) {
			String city = CITIES.get(random.nextInt(3));
			LocalDate birth = random.nextInt(5) == 0 ? null : today.minusYears(18 + random.nextInt(50)).minusDays(random.nextInt(365));
			String gender = List.of("FEMALE", "MALE", "UNKNOWN").get(random.nextInt(3));
			List<String> tags = TAGS.stream().filter(t -> random.nextInt(3) == 0).toList();
			Boolean sms = random.nextInt(3) == 0 ? null : random.nextBoolean();
			Map<String, Object> input = new HashMap<>(Map.of("name", "随" + i, "phone", newPhone(), "joinChannel", "APP",
					"joinedAt", "2024-01-01T00:00:00Z", "gender", gender, "tags", tags,
					"region", Map.of("province", province, "city", city)));
			if (birth != null) {
				input.put("birthDate", birth.toString());
			}
			if (sms != null) {
				input.put("consents", List.of(Map.of("channel", "SMS", "granted", sms)));
			}
			String id = as("admin").documentName("registerMember").variable("input", input).execute()
				.path("registerMember.member.id").entity(String.class).get();
			List<SentOrder> orders = new ArrayList<>();
			for (int o = 0; o < random.nextInt(5); o++) {
				orders.add(order(id));
			}
			members.put(id, new Sent(city, birth, gender, tags, sms, orders));
		}
	}

	private SentOrder order(String member) {
		Instant at = today.atStartOfDay(ZONE).toInstant().minus(random.nextInt(400), ChronoUnit.DAYS)
			.plus(random.nextInt(24 * 60), ChronoUnit.MINUTES);
		String[] product = PRODUCTS.get(random.nextInt(3));
		String channel = random.nextBoolean() ? "APP" : "TMALL";
		String number = "RND-" + newPhone();
		as("storefront").documentName("recordOrder")
			.variable("input", Map.of("channel", channel, "orderNumber", number, "memberId", member, "placedAt",
					at.toString(), "paidAt", at.toString(),
					"lines", List.of(Map.of("sku", product[0], "quantity", 1, "unitPrice", product[1]))))
			.execute()
			.path("recordOrder.errors").entityList(Object.class).hasSize(0);
		long paid = Math.round(Double.parseDouble(product[1]) * 100);
		long refunded = 0;
		int refund = random.nextInt(6);
		if (refund < 2) {
			refunded = refund == 0 ? paid : paid / 2;
			as("admin").documentName("refundOrder")
				.variable("input", Map.of("channel", channel, "orderNumber", number, "refundId", "R1", "amount",
						String.format("%d.%02d", refunded / 100, refunded % 100), "refundedAt", at.plusSeconds(60).toString()))
				.execute()
				.path("refundOrder.errors").entityList(Object.class).hasSize(0);
		}
		return new SentOrder(LocalDate.ofInstant(at, ZONE), channel, paid - refunded, product[0], refunded < paid);
	}

	/** A random query and the same condition as a predicate over what was sent. */
	record Case(String query, Predicate<Sent> holds) {
	}

	private Case randomCase(int depth) {
		int kind = random.nextInt(depth > 2 ? 7 : 10);
		switch (kind) {
			case 0: {
				String city = CITIES.get(random.nextInt(3));
				return new Case("region.city = '" + city + "'", s -> city.equals(s.city()));
			}
			case 1: {
				int age = 20 + random.nextInt(40);
				return new Case("age >= " + age, s -> s.birthDate() != null && Period.between(s.birthDate(), today).getYears() >= age);
			}
			case 2: {
				String tag = TAGS.get(random.nextInt(3));
				return new Case("tags CONTAINS '" + tag + "'", s -> s.tags().contains(tag));
			}
			case 3:
				return new Case("consent.sms = true", s -> Boolean.TRUE.equals(s.sms()));
			case 4: {
				int count = random.nextInt(3);
				int days = 30 + random.nextInt(300);
				return new Case("orders(count >= " + count + ", since -" + days + "d)",
						s -> counted(s, o -> !o.day().isBefore(today.minusDays(days))) >= count);
			}
			case 5: {
				String sku = PRODUCTS.get(random.nextInt(3))[0];
				int months = 1 + random.nextInt(12);
				return new Case("bought(sku = '" + sku + "', since -" + months + "m)",
						s -> counted(s, o -> o.sku().equals(sku) && !o.day().isBefore(today.minusMonths(months))) >= 1);
			}
			case 6: {
				int spend = 100 * random.nextInt(15);
				String channel = random.nextBoolean() ? "APP" : "TMALL";
				return new Case("orders(channel = '" + channel + "', spend > " + spend + ")",
						s -> s.orders().stream().filter(o -> o.counts() && o.channel().equals(channel)).mapToLong(SentOrder::net).sum()
								> spend * 100L
								&& counted(s, o -> o.channel().equals(channel)) >= 1);
			}
			case 7: {
				Case inner = randomCase(depth + 1);
				return new Case("NOT (" + inner.query() + ")", inner.holds().negate());
			}
			default: {
				Case left = randomCase(depth + 1);
				Case right = randomCase(depth + 1);
				boolean and = kind == 8;
				return new Case("(" + left.query() + (and ? ") AND (" : ") OR (") + right.query() + ")",
						and ? left.holds().and(right.holds()) : left.holds().or(right.holds()));
			}
		}
	}

	private static long counted(Sent s, Predicate<SentOrder> filter) {
		return s.orders().stream().filter(SentOrder::counts).filter(filter).count();
	}

	@Test
	void sixtyRandomQueriesSelectWhatTheNaiveCheckSelects() {
		int someButNotAll = 0;
		for (int i = 0; i < 60; i++) {
			Case c = randomCase(0);
			List<String> expected = members.entrySet().stream().filter(e -> c.holds().test(e.getValue()))
				.map(Map.Entry::getKey).sorted().toList();

			List<String> selected = new ArrayList<>(as("crm")
				.document("query($q: String!) { previewSegment(query: $q, sample: 100) { sample { id } } }")
				.variable("q", "region.province = '" + province + "' AND (" + c.query() + ")")
				.execute()
				.path("previewSegment.sample[*].id").entityList(String.class).get());
			selected.sort(null);

			assertThat(selected).as(c.query()).isEqualTo(expected);
			someButNotAll += !expected.isEmpty() && expected.size() < members.size() ? 1 : 0;
		}
		assertThat(someButNotAll).as("queries that split the members, so the comparison means something").isGreaterThan(20);
	}

	@Test
	void lifecycleStagesSelectTheMembersTheLifecycleAnalysisCounts() {
		var stages = as("crm").document("query($scope: AnalysisScopeInput!) { lifecycle(input: {scope: $scope}) "
				+ "{ stages { stage members } } }")
			.variable("scope", Map.of("asOf", today.toString(), "province", province))
			.execute()
			.path("lifecycle.stages").entityList(Map.class).get();
		int stagesWithMembers = 0;
		for (Map<?, ?> stage : stages) {
			int previewed = as("crm").document("query($q: String!) { previewSegment(query: $q, sample: 0) { members } }")
				.variable("q", "region.province = '" + province + "' AND lifecycle = '" + stage.get("stage") + "'")
				.execute()
				.path("previewSegment.members").entity(Integer.class).get();
			assertThat(previewed).as("stage " + stage.get("stage")).isEqualTo(((Number) stage.get("members")).intValue());
			stagesWithMembers += previewed > 0 ? 1 : 0;
		}
		assertThat(stagesWithMembers).as("stages the comparison means something for").isGreaterThanOrEqualTo(2);
	}

	@Test
	void conditionsOnTraitsAloneSelectWhatTheSameConditionsInACombinationSelect() {
		// One trait, or an AND of conditions each on one trait, is counted in a pass over those columns; inside an OR
		// it goes through the compiled test of every row. Both must select the same members, in the same order.
		for (String query : List.of("consent.sms = true", "tags CONTAINS 'vip'", "age >= 30", "region.city = '甲市'",
				"region.province = '" + province + "'", "joined >= " + today.minusYears(1), "channel.has('TMALL')",
				"region.province = '" + province + "' AND age BETWEEN 25 AND 45 AND consent.sms = true",
				"tags CONTAINS 'vip' AND joined >= " + today.minusYears(2) + " AND region.province = '" + province + "'")) {
			var alone = preview(query);
			var combined = preview("(" + query + ") OR (" + query + ")");
			assertThat(alone).as(query).isEqualTo(combined);
		}
		assertThat(preview("region.province = '" + province + "'").get("members")).isEqualTo(members.size());
	}

	private Map<String, Object> preview(String query) {
		return as("crm").document("query($q: String!) { previewSegment(query: $q, sample: 100) { members sample { id } } }")
			.variable("q", query)
			.execute()
			.path("previewSegment")
			.entity(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
			})
			.get();
	}

}
