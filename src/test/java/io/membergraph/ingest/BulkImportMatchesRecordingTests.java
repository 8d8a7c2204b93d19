package io.membergraph.ingest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import io.membergraph.ApplicationTest;
import io.membergraph.MemberStates;
import io.membergraph.commerce.OrderInputs.OrderLineInput;
import io.membergraph.commerce.OrderInputs.RecordOrderInput;
import io.membergraph.commerce.OrderInputs.RefundLineInput;
import io.membergraph.commerce.OrderInputs.RefundOrderInput;
import io.membergraph.commerce.OrderRecording;
import io.membergraph.loyalty.LoyaltyInputs.RecordReferralInput;
import io.membergraph.loyalty.Referrals;
import io.membergraph.member.MemberInputs.RegisterMemberInput;
import io.membergraph.member.MemberMerge;
import io.membergraph.member.MemberMerge.MergeMembersInput;
import io.membergraph.member.MemberProfiles;
import io.membergraph.shared.Channel;
import io.membergraph.shared.Money;
import io.membergraph.shared.UnitPrice;
import org.bson.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bulk path proven equal to the API: random order files (members and guests over three channels, free lines,
 * sub-cent prices, returns inside orders, returns before and after their order, returns of earlier files,
 * orders sent again, referrals, merges between files) are imported as CSV into one set of members, and the same
 * orders and refunds recorded one by one through {@link OrderRecording} for a twin set. Every read model, order,
 * ledger entry, points account and tier of each member then equals its twin's, once ids are named alike. The
 * test context imports in batches of a few rows, so batch boundaries fall everywhere.
 */
class BulkImportMatchesRecordingTests extends ApplicationTest {

	private static final String[][] PRODUCTS = { { "SK-1001", "420.00" }, { "HC-4001", "129.50" },
			{ "STICKER 5", "0.0825" }, { "gift_0001", "0" }, { "FR-3001", "980.00" }, { "BC-5003", "79.9999" } };

	private static final Channel[] CHANNELS = { Channel.WEB, Channel.TMALL, Channel.STORE };

	/** One order or return as the file has it; a line with a negative quantity is a return. */
	private record Doc(String number, Channel channel, Integer member, Instant placed, boolean paid, boolean cancelled,
			List<Line> lines, String original) {
	}

	private record Line(String sku, int quantity, String price) {
	}

	/** The twin worlds: members by index, the prefix of their order numbers. */
	private record World(String prefix, List<String> members) {
	}

	@ParameterizedTest(name = "seed {0}")
	@ValueSource(longs = { 11, 23, 47 })
	void importingFilesLeavesWhatRecordingEachOrderThroughTheApiLeaves(long seed) throws Exception {
		Random random = new Random(seed);
		World api = new World("PA" + seed + "x", new ArrayList<>());
		World bulk = new World("PB" + seed + "x", new ArrayList<>());
		asAdmin(() -> {
			for (int i = 0; i < 8; i++) {
				Instant joined = Instant.parse("2026-01-05T02:00:00Z").plus(Duration.ofDays(random.nextInt(20)));
				api.members().add(register("批量 " + seed + " " + i, joined));
				bulk.members().add(register("批量 " + seed + " " + i, joined));
			}
			for (int[] pair : new int[][] { { 0, 1 }, { 2, 3 }, { 4, 5 } }) {
				refer(api, pair[0], pair[1]);
				refer(bulk, pair[0], pair[1]);
			}
			return null;
		});
		List<Doc> previous = List.of();
		int counter = 0;
		for (int file = 0; file < 3; file++) {
			List<Doc> docs = new ArrayList<>();
			for (int k = 0; k < 25; k++) {
				docs.add(sale(random, "n" + counter++));
			}
			addReturns(random, docs, previous, counter);
			counter += 100;
			if (!previous.isEmpty()) {
				docs.add(previous.get(0));
				docs.add(previous.get(1));
			}
			recordOneByOne(api, docs);
			importFile(bulk, docs);
			if (file == 1) {
				asAdmin(() -> {
					merge(api, 6, 7);
					merge(bulk, 6, 7);
					// a referrer merged into another referrer: the member it brought in buys on
					merge(api, 2, 4);
					merge(bulk, 2, 4);
					return null;
				});
			}
			previous = docs;
		}

		Map<String, String> names = new LinkedHashMap<>();
		for (int i = 0; i < api.members().size(); i++) {
			names.put(api.members().get(i), bulk.members().get(i));
		}
		names.put(api.prefix(), bulk.prefix());
		for (int i = 0; i < api.members().size(); i++) {
			assertThat(state(api, i, names)).as("member %d of seed %d", i, seed).isEqualTo(state(bulk, i, Map.of()));
		}
		assertThat(pendingMarks(bulk)).as("every batch completed").isEmpty();
		assertThat(referralRewardsAboveOneGrant(api)).as("recorded: rewards standing twice").isEmpty();
		assertThat(referralRewardsAboveOneGrant(bulk)).as("imported: rewards standing twice").isEmpty();
		assertThat(guestOrders(api, names)).isEqualTo(guestOrders(bulk, Map.of()));
	}

	private Doc sale(Random random, String number) {
		List<Line> lines = new ArrayList<>();
		int count = 1 + random.nextInt(4);
		Set<String> skus = new HashSet<>();
		for (int l = 0; l < count; l++) {
			String[] product = PRODUCTS[random.nextInt(PRODUCTS.length)];
			if (skus.add(product[0])) {
				lines.add(new Line(product[0], 1 + random.nextInt(3), product[1]));
			}
		}
		if (random.nextInt(8) == 0) {
			Line returned = lines.get(0);
			lines.add(new Line(returned.sku(), -1, returned.price()));
		}
		Integer member = random.nextInt(7) == 0 ? null : random.nextInt(8);
		Instant placed = Instant.parse("2026-02-01T02:00:00Z").plus(Duration.ofHours(random.nextInt(24 * 240)));
		boolean paid = random.nextInt(10) != 0;
		return new Doc(number, CHANNELS[random.nextInt(CHANNELS.length)], member, placed, paid,
				paid && random.nextInt(20) == 0, lines, null);
	}

	/** Returns of orders of this file (some placed in the file before their order) and of the previous file. */
	private static void addReturns(Random random, List<Doc> docs, List<Doc> previous, int counter) {
		List<Doc> candidates = new ArrayList<>(docs);
		candidates.addAll(previous);
		for (int r = 0; r < 6; r++) {
			Doc original = candidates.get(random.nextInt(candidates.size()));
			Line line = original.lines().get(0);
			if (line.quantity() < 0) {
				continue;
			}
			Doc ret = new Doc("R" + (counter + r), original.channel(), original.member(),
					original.placed().plus(Duration.ofDays(3)), true, false,
					List.of(new Line(line.sku(), -Math.min(line.quantity(), 1 + random.nextInt(2)), line.price())),
					original.number());
			int at = docs.indexOf(original);
			docs.add(at >= 0 && random.nextBoolean() ? at : docs.size(), ret);
		}
	}

	/** Through the API in the order the import settles: a return whose order is not recorded yet waits for the end. */
	private void recordOneByOne(World world, List<Doc> docs) throws Exception {
		asAdmin(() -> {
			OrderRecording recording = bean(OrderRecording.class);
			Set<String> recorded = new HashSet<>(recordedNumbers(world));
			List<Doc> waiting = new ArrayList<>();
			for (Doc doc : docs) {
				if (doc.original() != null && !recorded.contains(doc.channel() + ":" + world.prefix() + doc.original())) {
					waiting.add(doc);
					continue;
				}
				record(recording, world, doc, recorded);
			}
			waiting.forEach(doc -> record(recording, world, doc, recorded));
			return null;
		});
	}

	private void record(OrderRecording recording, World world, Doc doc, Set<String> recorded) {
		String number = world.prefix() + doc.number();
		List<Line> sold = doc.lines().stream().filter(l -> l.quantity() > 0).toList();
		List<Line> returned = doc.lines().stream().filter(l -> l.quantity() < 0).toList();
		if (doc.original() == null && !sold.isEmpty()) {
			List<OrderLineInput> lines = sold.stream()
				.map(l -> new OrderLineInput(l.sku(), l.quantity(), UnitPrice.of(l.price()), null, null))
				.toList();
			recording.record(new RecordOrderInput(doc.channel(), number, doc.member() == null ? null
					: world.members().get(doc.member()), null, null, doc.placed(), doc.paid() ? doc.placed() : null, null, null,
					null, doc.cancelled() ? doc.placed().plusSeconds(7200) : null, lines, null, null, null, null, null));
			recorded.add(doc.channel() + ":" + number);
		}
		if (!returned.isEmpty()) {
			String original = doc.original() == null ? number : world.prefix() + doc.original();
			Money amount = returned.stream().map(l -> UnitPrice.of(l.price()).times(-l.quantity(), 2))
				.reduce(Money.ZERO, Money::plus);
			recording.refund(new RefundOrderInput(doc.channel(), original,
					doc.original() == null ? "returns-" + number : number, amount, doc.placed(), "imported return " + number,
					returned.stream().map(l -> new RefundLineInput(l.sku(), -l.quantity())).toList()));
		}
	}

	private void importFile(World world, List<Doc> docs) throws Exception {
		StringBuilder csv = new StringBuilder("orderNumber,channel,memberId,placedAt,paidAt,cancelledAt,sku,quantity,"
				+ "unitPrice,originalOrderNumber\n");
		for (Doc doc : docs) {
			for (Line line : doc.lines()) {
				csv.append(String.join(",", world.prefix() + doc.number(), doc.channel().name(),
						doc.member() == null ? "" : world.members().get(doc.member()), doc.placed().toString(),
						doc.paid() ? doc.placed().toString() : "", doc.cancelled() ? doc.placed().plusSeconds(7200).toString() : "",
						line.sku(), String.valueOf(line.quantity()), line.price(),
						doc.original() == null ? "" : world.prefix() + doc.original())).append('\n');
			}
		}
		Path file = Files.createTempFile("orders", ".csv");
		Files.writeString(file, csv, StandardCharsets.UTF_8);
		try {
			ImportJob job = asAdmin(() -> bean(ImportJobs.class).runFile(ImportJob.ImportEntity.ORDERS, file,
					Map.of("loyalty", "LIVE"), ImportJobs.Progress.NONE));
			assertThat(job.status()).as(job.failure()).isEqualTo(ImportJob.Status.COMPLETED);
		}
		finally {
			Files.delete(file);
		}
	}

	private String register(String name, Instant joined) {
		return bean(MemberProfiles.class).register(new RegisterMemberInput(name, null, null, newPhone(), null, null, null,
				null, Channel.WEB, joined, List.of(), List.of(), List.of(), List.of())).member().id();
	}

	private void refer(World world, int referrer, int referred) {
		bean(Referrals.class).record(new RecordReferralInput(world.members().get(referrer), world.members().get(referred)));
	}

	private void merge(World world, int survivor, int merged) {
		bean(MemberMerge.class).merge(new MergeMembersInput(world.members().get(survivor), world.members().get(merged),
				"same customer"));
	}

	private Document state(World world, int index, Map<String, String> names) {
		return MemberStates.of(bean(MongoTemplate.class), world.members().get(index), names);
	}

	/**
	 * The referred members whose referral reward stands more than once in the world's ledgers (its grants, less what
	 * was taken back or expired, above one grant), with what stands.
	 */
	private Map<String, Long> referralRewardsAboveOneGrant(World world) {
		Map<String, Long> standing = new HashMap<>();
		Map<String, Long> grant = new HashMap<>();
		for (Document entry : bean(MongoTemplate.class).find(Query.query(Criteria.where("memberId").in(world.members())
			.and("status").is("APPLIED")), Document.class, "points_ledger")) {
			String id = entry.getString("_id");
			int at = id.indexOf("referral:");
			if (at >= 0) {
				String referred = id.substring(at + "referral:".length()).split(":")[0];
				long points = ((Number) entry.get("points")).longValue();
				standing.merge(referred, points, Long::sum);
				grant.merge(referred, points, Math::max);
			}
		}
		standing.entrySet().removeIf(e -> e.getValue() <= grant.get(e.getKey()));
		return standing;
	}

	private Document guestOrders(World world, Map<String, String> names) {
		return MemberStates.renamed(new Document("orders", MemberStates.sorted(bean(MongoTemplate.class).find(Query.query(
				Criteria.where("memberId").is(null).and("orderNumber").regex("^" + world.prefix())), Document.class, "orders"),
				"changedAt", "fingerprint", "pendingMemberUpdates", "refunds.batch")), names);
	}

	private List<String> pendingMarks(World world) {
		return bean(MongoTemplate.class).find(Query.query(Criteria.where("orderNumber").regex("^" + world.prefix())
			.and("pendingMemberUpdates.0").exists(true)), Document.class, "orders").stream()
			.map(d -> d.getString("_id")).toList();
	}

	private List<String> recordedNumbers(World world) {
		return bean(MongoTemplate.class).find(Query.query(Criteria.where("orderNumber").regex("^" + world.prefix())),
				Document.class, "orders").stream().map(d -> d.getString("_id")).toList();
	}

}
