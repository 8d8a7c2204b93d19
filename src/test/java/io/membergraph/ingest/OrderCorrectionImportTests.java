package io.membergraph.ingest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.membergraph.ApplicationTest;
import io.membergraph.commerce.BatchCrashes;
import io.membergraph.commerce.BatchSteps;
import io.membergraph.MemberStates;
import io.membergraph.member.MemberInputs.RegisterMemberInput;
import io.membergraph.member.MemberProfiles;
import io.membergraph.shared.Channel;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A file imported with a wrong mapping (prices from the list-price column, dates from the shipping column, the
 * customer from the referrer column) and imported again with the right one and {@code changedOrders=CORRECT}
 * ends exactly where importing it right the first time ends: orders, refunds, member stats, order lists, purchase
 * rollups, and the points the orders earn.
 */
class OrderCorrectionImportTests extends ApplicationTest {

	private static final String RIGHT = """
			{"orderNumber":"orderNumber","channel":"channel","memberId":"customer","placedAt":"placedAt",
			 "paidAt":"paidAt","sku":"sku","quantity":"quantity","unitPrice":"unitPrice",
			 "originalOrderNumber":"originalOrderNumber"}""";

	private static final String WRONG = """
			{"orderNumber":"orderNumber","channel":"channel","memberId":"referrer","placedAt":"shippedAt",
			 "paidAt":"shippedAt","sku":"sku","quantity":"quantity","unitPrice":"listPrice",
			 "originalOrderNumber":"originalOrderNumber"}""";

	private static final String HEADER = "orderNumber,channel,customer,referrer,placedAt,shippedAt,paidAt,sku,quantity,"
			+ "unitPrice,listPrice,originalOrderNumber\n";

	private static final Instant JOINED = Instant.parse("2026-01-05T02:00:00Z");

	private static final String[] SKUS = { "HC-4001", "SK-1001", "BC-5003", "gift_0001" };

	/** One line of the file, with the right and the wrong reading of each mistaken column. */
	private record Line(String number, Channel channel, Integer customer, Integer referrer, Instant placed,
			Instant shipped, String sku, int quantity, String price, String listPrice, String original) {
	}

	@ParameterizedTest(name = "seed {0}")
	@ValueSource(longs = { 5, 17 })
	void importingAgainWithTheRightMappingEndsWhereImportingRightEnds(long seed) throws Exception {
		Random random = new Random(seed);
		List<String> fixed = new ArrayList<>();
		List<String> right = new ArrayList<>();
		twins("更正 " + seed + " ", 5, fixed, right);
		List<Line> lines = lines(random);
		String fixedPrefix = "CF" + seed + "x";
		String rightPrefix = "CR" + seed + "x";

		ImportJob wrong = importFile(csv(lines, fixedPrefix, fixed), WRONG, "NONE", false);
		assertThat(wrong.rowsLoaded()).as("the wrong reading loads").isGreaterThan(0);
		clock.advance(Duration.ofHours(1));
		ImportJob corrected = importFile(csv(lines, fixedPrefix, fixed), RIGHT, "NONE", true);
		assertThat(corrected.rowsRejected()).as("nothing refused").isZero();
		assertThat(corrected.rowsLinked()).as("rows corrected").isGreaterThan(0);
		importFile(csv(lines, rightPrefix, right), RIGHT, "NONE", false);

		Map<String, String> names = new LinkedHashMap<>();
		for (int i = 0; i < fixed.size(); i++) {
			names.put(fixed.get(i), right.get(i));
		}
		names.put(fixedPrefix, rightPrefix);
		for (int i = 0; i < fixed.size(); i++) {
			assertThat(state(fixed.get(i), names)).as("member %d", i).isEqualTo(state(right.get(i), Map.of()));
		}
		assertThat(guestOrders(fixedPrefix, names)).isEqualTo(guestOrders(rightPrefix, Map.of()));
		ImportJob again = importFile(csv(lines, fixedPrefix, fixed), RIGHT, "NONE", true);
		assertThat(again.rowsDuplicate()).as("correcting again changes nothing").isEqualTo(again.rowsRead());
	}

	/**
	 * With the programme running (over the history, or live), a correction leaves each member the points of a right
	 * reading: the first-order reward once if a member bought, none if not, each order's points and spend in the month
	 * it was placed, and every account equal to its ledger. Where the wrong reading took a member across a tier
	 * threshold, that upgrade stands and later orders earn at its rate, so balances are compared for members no
	 * reading moved up.
	 */
	@ParameterizedTest(name = "seed {0}, loyalty {1}")
	@CsvSource({ "5, HISTORY", "23, HISTORY", "31, HISTORY", "47, HISTORY", "73, HISTORY", "5, LIVE", "31, LIVE" })
	void correctingAHistoryLeavesThePointsOfARightReading(long seed, String loyalty) throws Exception {
		Random random = new Random(seed);
		List<String> fixed = new ArrayList<>();
		List<String> right = new ArrayList<>();
		twins("历史更正 " + seed + " ", 5, fixed, right);
		correctedBesideRight(lines(random), loyalty.charAt(0) + seed + "x", loyalty, fixed, right);

		int comparedBalances = 0;
		for (int i = 0; i < fixed.size(); i++) {
			assertThat(spendByMonth(fixed.get(i))).as("spend by month of member %d", i)
				.isEqualTo(spendByMonth(right.get(i)));
			assertThat(firstOrderRewardStanding(fixed.get(i))).as("first-order reward of member %d", i)
				.isEqualTo(firstOrderRewardStanding(right.get(i)));
			if (!movedUp(fixed.get(i)) && !movedUp(right.get(i))) {
				assertThat(balance(fixed.get(i))).as("balance of member %d", i).isEqualTo(balance(right.get(i)));
				comparedBalances++;
			}
		}
		assertThat(comparedBalances).as("members compared by balance").isPositive();
		assertPointsAuditFindsNothing();
	}

	@Test
	void theOrdersPointsMoveToWhatTheCorrectedOrdersEarn() throws Exception {
		List<String> fixed = new ArrayList<>();
		List<String> right = new ArrayList<>();
		twins("积分更正 ", 2, fixed, right);
		Instant placed = Instant.parse("2026-03-01T02:00:00Z");
		// A's haircare order, read at twice its price; B's order, read as A's.
		List<Line> lines = List.of(
				new Line("P1", Channel.WEB, 0, 0, placed, placed, "HC-4001", 1, "100.00", "200.00", null),
				new Line("P2", Channel.WEB, 1, 0, placed.plusSeconds(86_400), placed.plusSeconds(86_400), "HC-4001", 2,
						"50.00", "50.00", null));
		importFile(csv(lines, "PF", fixed), WRONG, "HISTORY", false);
		assertThat(balance(fixed.get(0))).as("registration, first order, 200 + 100 yuan of haircare")
			.isEqualTo(100 + 200 + 300);
		clock.advance(Duration.ofHours(1));
		importFile(csv(lines, "PF", fixed), RIGHT, "HISTORY", true);
		importFile(csv(lines, "PR", right), RIGHT, "HISTORY", false);

		assertThat(balance(fixed.get(0))).isEqualTo(100 + 200 + 100).isEqualTo(balance(right.get(0)));
		assertThat(balance(fixed.get(1))).isEqualTo(100 + 200 + 100).isEqualTo(balance(right.get(1)));
		List<Document> taken = bean(MongoTemplate.class).find(Query.query(Criteria.where("memberId").is(fixed.get(0))
			.and("type").is("REVERSE")), Document.class, "points_ledger");
		assertThat(taken).extracting(entry -> entry.getString("reason"))
			.containsExactlyInAnyOrder("order PFP1 corrected", "order PFP2 corrected");
	}

	@Test
	void aCorrectionTakesNothingBackOfPointsThatExpiredUnused() throws Exception {
		List<String> fixed = new ArrayList<>();
		List<String> right = new ArrayList<>();
		twins("过期更正 ", 1, Instant.parse("2023-01-05T02:00:00Z"), fixed, right);
		Instant longAgo = Instant.parse("2023-03-01T02:00:00Z");
		Instant lately = Instant.parse("2026-06-01T02:00:00Z");
		// An order of 2023, read at twice its price, whose points expired at the end of 2024; one of this year.
		List<Line> lines = List.of(
				new Line("E1", Channel.WEB, 0, 0, longAgo, longAgo, "HC-4001", 1, "100.00", "200.00", null),
				new Line("E2", Channel.WEB, 0, 0, lately, lately, "HC-4001", 1, "50.00", "50.00", null));
		correctedBesideRight(lines, "E", "HISTORY", fixed, right);

		assertThat(balance(fixed.get(0))).as("this year's points, untouched").isEqualTo(balance(right.get(0)));
		Document taken = bean(MongoTemplate.class).findOne(Query.query(Criteria.where("memberId").is(fixed.get(0))
			.and("reason").is("order EFE1 corrected")), Document.class, "points_ledger");
		assertThat(taken.getString("note")).contains("expired unused and are not taken back");
	}

	@Test
	void aReturnCorrectedToPartGivesBackTheFirstOrderRewardItsFullReadingTookAway() throws Exception {
		List<String> fixed = new ArrayList<>();
		List<String> right = new ArrayList<>();
		twins("退货更正 ", 1, fixed, right);
		Instant placed = Instant.parse("2026-04-01T02:00:00Z");
		Instant returned = Instant.parse("2026-04-05T02:00:00Z");
		// The return, read at the list price, gives back the whole order; at its price, half of it.
		List<Line> lines = List.of(
				new Line("G1", Channel.WEB, 0, 0, placed, placed, "SK-1001", 2, "100.00", "100.00", null),
				new Line("RG1", Channel.WEB, 0, 0, returned, returned, "SK-1001", -2, "50.00", "100.00", "G1"));
		correctedBesideRight(lines, "G", "HISTORY", fixed, right);

		assertThat(firstOrderRewardStanding(fixed.get(0))).isEqualTo(firstOrderRewardStanding(right.get(0)))
			.isEqualTo(200);
		assertThat(balance(fixed.get(0))).isEqualTo(balance(right.get(0)));
	}

	@Test
	void ordersOfOneMemberCorrectedTogetherRecountThatMemberOnce() throws Exception {
		List<String> members = new ArrayList<>();
		asAdmin(() -> {
			for (int i = 0; i <= 30; i++) {
				members.add(register("一并更正 " + i));
			}
			return null;
		});
		Instant placed = Instant.parse("2026-03-01T02:00:00Z");
		// Thirty customers' orders, all read as the first member's.
		List<Line> lines = new ArrayList<>();
		for (int i = 1; i <= 30; i++) {
			lines.add(new Line("W" + i, Channel.WEB, i, 0, placed.plusSeconds(60L * i), placed.plusSeconds(60L * i),
					"SK-1001", 1, "100.00", "100.00", null));
		}
		importFile(csv(lines, "WF", members), WRONG, "NONE", false);
		clock.advance(Duration.ofHours(1));
		java.util.function.LongSupplier memberWrites = bean(io.membergraph.store.WriteCounts.class)
			.of(io.membergraph.member.Member.class);
		long before = memberWrites.getAsLong();
		importFile(csv(lines, "WF", members), RIGHT, "NONE", true);

		// Each customer's stats recounted once, and the first member's once a batch (the tests' batches hold 7 rows:
		// five), not once per order taken from it, each time reading all its orders.
		assertThat(memberWrites.getAsLong() - before).isEqualTo(30 + 5);
		assertThat(asAdmin(() -> bean(io.membergraph.member.MemberDirectory.class).findById(members.get(0)).orElseThrow())
			.stats().orderCount()).isZero();
	}

	@Test
	void pointsACorrectionAddsToALotThatExpiredLongAgoExpireAtOnce() throws Exception {
		List<String> fixed = new ArrayList<>();
		List<String> right = new ArrayList<>();
		twins("补发过期 ", 1, Instant.parse("2023-01-05T02:00:00Z"), fixed, right);
		Instant longAgo = Instant.parse("2023-03-01T02:00:00Z");
		// An order of 2023 read at half its price: the correction adds points to a lot that expired at the end of 2024.
		List<Line> lines = List.of(
				new Line("X1", Channel.WEB, 0, 0, longAgo, longAgo, "HC-4001", 1, "200.00", "100.00", null));
		correctedBesideRight(lines, "X", "HISTORY", fixed, right);

		assertThat(balance(fixed.get(0))).as("nothing of 2023 left to spend").isEqualTo(balance(right.get(0)));
		assertPointsAuditFindsNothing();
	}

	@Test
	void aCorrectedOrderEarnsAtTheTierOfItsDateNotTheOneReachedSince() throws Exception {
		List<String> fixed = new ArrayList<>();
		List<String> right = new ArrayList<>();
		twins("等级更正 ", 1, fixed, right);
		Instant february = Instant.parse("2026-02-10T02:00:00Z");
		Instant may = Instant.parse("2026-05-10T02:00:00Z");
		// A small order read at a slightly wrong price while BASIC; a large one in May moves the member up in both readings.
		List<Line> lines = List.of(
				new Line("T1", Channel.WEB, 0, 0, february, february, "SK-1001", 1, "100.00", "110.00", null),
				new Line("T2", Channel.WEB, 0, 0, may, may, "SK-1001", 1, "9000.00", "9000.00", null));
		correctedBesideRight(lines, "T", "HISTORY", fixed, right);

		assertThat(movedUp(fixed.get(0))).as("moved up in May").isTrue();
		assertThat(balance(fixed.get(0))).isEqualTo(balance(right.get(0)));
	}

	@Test
	void aCorrectionCutShortByACrashIsCompletedByTheRecoverySweep() throws Exception {
		List<String> fixed = new ArrayList<>();
		List<String> right = new ArrayList<>();
		twins("崩溃更正 ", 2, fixed, right);
		Instant placed = Instant.parse("2026-03-10T02:00:00Z");
		List<Line> lines = List.of(
				new Line("C1", Channel.WEB, 0, 1, placed, placed, "HC-4001", 1, "80.00", "90.00", null),
				new Line("C2", Channel.WEB, 1, 0, placed.plusSeconds(3_600), placed.plusSeconds(3_600), "HC-4001", 3,
						"20.00", "25.00", null));
		importFile(csv(lines, "XF", fixed), WRONG, "HISTORY", false);
		clock.advance(Duration.ofHours(1));
		BatchCrashes.crashAt(context(), BatchSteps.Step.CORRECTION_WRITTEN, 1);
		try {
			Path file = Files.createTempFile("orders", ".csv");
			Files.writeString(file, csv(lines, "XF", fixed), StandardCharsets.UTF_8);
			ImportJob cut = asAdmin(() -> bean(ImportJobs.class).runFile(ImportJob.ImportEntity.ORDERS, file,
					Map.of("mapping", RIGHT, "loyalty", "HISTORY", "changedOrders", "CORRECT"), ImportJobs.Progress.NONE));
			assertThat(cut.status()).isEqualTo(ImportJob.Status.FAILED);
			assertThat(cut.failure()).contains("crashed after CORRECTION_WRITTEN");
			Files.delete(file);
		}
		finally {
			BatchCrashes.calm(context());
		}

		// The restart: the sweep completes what the correction marked; the file sent again corrects the rest.
		clock.advance(Duration.ofMinutes(11));
		assertThat(BatchCrashes.sweep(context())).isPositive();
		importFile(csv(lines, "XF", fixed), RIGHT, "HISTORY", true);
		importFile(csv(lines, "XR", right), RIGHT, "HISTORY", false);
		Map<String, String> names = Map.of(fixed.get(0), right.get(0), fixed.get(1), right.get(1), "XF", "XR");
		for (int i = 0; i < 2; i++) {
			assertThat(balance(fixed.get(i))).as("balance of member %d", i).isEqualTo(balance(right.get(i)));
			Document state = state(fixed.get(i), names);
			Document twin = state(right.get(i), Map.of());
			for (String part : List.of("member", "purchases", "orders")) {
				assertThat(state.get(part)).as("%s of member %d", part, i).isEqualTo(twin.get(part));
			}
		}
	}

	@Test
	void withoutCorrectAChangedOrderIsRefusedSayingHowToCorrectItAndAPreviewShowsTheCorrection() throws Exception {
		String member = asAdmin(() -> register("预览更正"));
		Instant placed = Instant.parse("2026-04-01T02:00:00Z");
		List<Line> lines = List.of(new Line("V1", Channel.STORE, 0, 0, placed, placed, "SK-1001", 1, "420.00", "480.00",
				null));
		importFile(csv(lines, "VF", List.of(member)), WRONG, "NONE", false);
		clock.advance(Duration.ofHours(1));
		String job = startImport("orders", "crm", csv(lines, "VF", List.of(member)), RIGHT, null);
		awaitImport(job).path("importJob.rowsRejected").entity(Integer.class).isEqualTo(1);
		as("crm").documentName("importRejects").variable("jobId", job).execute()
			.path("importRejects.edges[0].node.reason").entity(String.class)
			.satisfies(reason -> assertThat(reason).contains("changedOrders=CORRECT"));

		http().post()
			.uri(builder -> builder.path("/api/import/orders/preview").queryParam("mapping", "{m}")
				.queryParam("changedOrders", "CORRECT").build(RIGHT))
			.header("Authorization", "Bearer " + token("crm"))
			.contentType(org.springframework.http.MediaType.parseMediaType("text/csv"))
			.bodyValue(csv(lines, "VF", List.of(member)).getBytes(StandardCharsets.UTF_8))
			.exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.rows[0].outcome").isEqualTo("LINKED");
		as("storefront").documentName("order").variable("channel", "STORE").variable("orderNumber", "VFV1").execute()
			.path("order.paidAmount").entity(String.class).isEqualTo("480.00");
	}

	@Test
	void anOrderCannotBeCorrectedBelowWhatIsRefundedOnIt() throws Exception {
		String member = asAdmin(() -> register("退款更正"));
		Instant placed = Instant.parse("2026-05-01T02:00:00Z");
		Instant returned = placed.plusSeconds(3 * 86_400);
		List<Line> first = List.of(
				new Line("K1", Channel.WEB, 0, 0, placed, placed, "HC-4001", 2, "100.00", "100.00", null),
				new Line("RK1", Channel.WEB, 0, 0, returned, returned, "HC-4001", -2, "100.00", "100.00", "K1"));
		importFile(csv(first, "KF", List.of(member)), RIGHT, "NONE", false);
		clock.advance(Duration.ofHours(1));
		// The corrected file pays 50.00 for the order but leaves out the return that refunded 200.00.
		List<Line> corrected = List.of(new Line("K1", Channel.WEB, 0, 0, placed, placed, "HC-4001", 1, "50.00", "50.00",
				null));
		ImportJob job = importFile(csv(corrected, "KF", List.of(member)), RIGHT, "NONE", true);
		assertThat(job.rowsRejected()).isEqualTo(1);
		as("storefront").documentName("order").variable("channel", "WEB").variable("orderNumber", "KFK1").execute()
			.path("order.paidAmount").entity(String.class).isEqualTo("200.00");
	}

	/** Orders and returns in random order, each one's lines together (the test context's order window is short). */
	private List<Line> lines(Random random) {
		List<List<Line>> groups = new ArrayList<>();
		for (int n = 0; n < 14; n++) {
			Channel channel = random.nextBoolean() ? Channel.WEB : Channel.STORE;
			// Now and then a guest order read as a member's, or the other way round.
			Integer customer = n % 7 == 3 ? null : random.nextInt(5);
			Integer referrer = n % 7 == 5 ? null : (customer == null ? 0 : customer + 1 + random.nextInt(4)) % 5;
			Instant placed = Instant.parse("2026-02-01T02:00:00Z").plus(Duration.ofHours(random.nextInt(24 * 120)));
			Instant shipped = placed.plus(Duration.ofHours(1 + random.nextInt(24 * 20)));
			int count = 1 + random.nextInt(3);
			List<Line> order = new ArrayList<>();
			for (int l = 0; l < count; l++) {
				int cents = 100 + random.nextInt(50_000);
				order.add(new Line("n" + n, channel, customer, referrer, placed, shipped, SKUS[l], 1 + random.nextInt(3),
						price(cents), price(cents + 1 + random.nextInt(5_000)), null));
			}
			groups.add(order);
			if (n % 3 == 0) {
				// A return of part of the first line, a few days on.
				Line line = order.get(0);
				groups.add(List.of(new Line("r" + n, channel, customer, referrer, placed.plus(Duration.ofDays(3)),
						shipped.plus(Duration.ofDays(3)), line.sku(), -1, line.price(), line.listPrice(), "n" + n)));
			}
		}
		java.util.Collections.shuffle(groups, random);
		return groups.stream().flatMap(List::stream).toList();
	}

	private static String price(int cents) {
		return cents / 100 + "." + String.format("%02d", cents % 100);
	}

	private static String csv(List<Line> lines, String prefix, List<String> members) {
		StringBuilder csv = new StringBuilder(HEADER);
		for (Line line : lines) {
			csv.append(String.join(",", prefix + line.number(), line.channel().name(),
					line.customer() == null ? "" : members.get(line.customer()),
					line.referrer() == null ? "" : members.get(line.referrer()), line.placed().toString(),
					line.shipped().toString(), line.placed().toString(), line.sku(), String.valueOf(line.quantity()),
					line.price(), line.listPrice(), line.original() == null ? "" : prefix + line.original()))
				.append('\n');
		}
		return csv.toString();
	}

	private ImportJob importFile(String csv, String mapping, String loyalty, boolean correct) throws Exception {
		Path file = Files.createTempFile("orders", ".csv");
		Files.writeString(file, csv, StandardCharsets.UTF_8);
		try {
			Map<String, String> parameters = new LinkedHashMap<>(Map.of("mapping", mapping, "loyalty", loyalty));
			if (correct) {
				parameters.put("changedOrders", "CORRECT");
			}
			ImportJob job = asAdmin(() -> bean(ImportJobs.class).runFile(ImportJob.ImportEntity.ORDERS, file, parameters,
					ImportJobs.Progress.NONE));
			assertThat(job.status()).as(job.failure()).isEqualTo(ImportJob.Status.COMPLETED);
			return job;
		}
		finally {
			Files.delete(file);
		}
	}

	/** {@code count} members in each of the two worlds, alike but for their ids. */
	private void twins(String name, int count, List<String> fixed, List<String> right) throws Exception {
		twins(name, count, JOINED, fixed, right);
	}

	private void twins(String name, int count, Instant joinedAt, List<String> fixed, List<String> right)
			throws Exception {
		asAdmin(() -> {
			for (int i = 0; i < count; i++) {
				fixed.add(register(name + i, joinedAt));
				right.add(register(name + i, joinedAt));
			}
			return null;
		});
	}

	/**
	 * The file read wrong and then corrected for the {@code fixed} members (orders numbered {@code prefix}F…), and read
	 * right the first time for their twins ({@code prefix}R…), each import with the given loyalty mode.
	 */
	private void correctedBesideRight(List<Line> lines, String prefix, String loyalty, List<String> fixed,
			List<String> right) throws Exception {
		importFile(csv(lines, prefix + "F", fixed), WRONG, loyalty, false);
		clock.advance(Duration.ofHours(1));
		importFile(csv(lines, prefix + "F", fixed), RIGHT, loyalty, true);
		importFile(csv(lines, prefix + "R", right), RIGHT, loyalty, false);
	}

	private String register(String name) {
		return register(name, JOINED);
	}

	private String register(String name, Instant joinedAt) {
		return bean(MemberProfiles.class).register(new RegisterMemberInput(name, null, null, newPhone(), null, null, null,
				null, Channel.WEB, joinedAt, List.of(), List.of(), List.of(), List.of()))
			.member().id();
	}

	/** The member's qualifying spend by month, months without any left out. */
	private Map<String, Long> spendByMonth(String member) {
		Document qualifying = bean(MongoTemplate.class).findById(member, Document.class, "points_accounts")
			.get("qualifying", Document.class);
		Map<String, Long> spend = new java.util.TreeMap<>();
		qualifying.forEach((month, value) -> {
			long cents = ((Document) value).get("spend", Number.class).longValue();
			if (cents != 0) {
				spend.put(month, cents);
			}
		});
		return spend;
	}

	/** The member's first-order reward as it stands: its grants less what was taken back of them. */
	private long firstOrderRewardStanding(String member) {
		return bean(MongoTemplate.class).find(Query.query(Criteria.where("memberId").is(member)
			.and("status").is("APPLIED")
			.and("_id").regex("^" + java.util.regex.Pattern.quote(member + "|first-order"))), Document.class, "points_ledger")
			.stream()
			.mapToLong(entry -> "EARN".equals(entry.getString("type")) ? entry.get("points", Number.class).longValue()
					: -entry.get("requested", Number.class).longValue())
			.sum();
	}

	private boolean movedUp(String member) {
		return bean(MongoTemplate.class).exists(Query.query(Criteria.where("memberId").is(member).and("reason").is("UPGRADE")),
				"tier_changes");
	}

	private long balance(String member) {
		return bean(MongoTemplate.class).findById(member, Document.class, "points_accounts").get("balance", Number.class)
			.longValue();
	}

	/** The member's whole state. */
	private Document state(String member, Map<String, String> names) {
		return MemberStates.withoutWriteTimes(MemberStates.of(bean(MongoTemplate.class), member, names));
	}

	private Document guestOrders(String prefix, Map<String, String> names) {
		return MemberStates.withoutWriteTimes(MemberStates.renamed(new Document("orders", MemberStates.sorted(
				bean(MongoTemplate.class).find(Query.query(Criteria.where("memberId").is(null).and("orderNumber")
					.regex("^" + prefix)), Document.class, "orders"),
				"changedAt", "fingerprint", "pendingMemberUpdates", "refunds.batch")), names));
	}

}
