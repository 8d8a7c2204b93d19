package io.membergraph.loyalty;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.membergraph.ApplicationTest;
import io.membergraph.MemberStates;
import io.membergraph.loyalty.internal.TierQualification;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An order history imported in HISTORY mode (the default) leaves each member's ledger, lots, tier and tier
 * changes as the programme would have written them had it been running then: the twin member had the same
 * orders and return recorded through the API on their dates, with the daily jobs (expiry, anniversary reviews)
 * run whenever something fell due. Years 2015 to 2019, so that the daily jobs run here reach no other test's
 * members.
 */
class HistoryImportTests extends ApplicationTest {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	/** When the history is imported, years after it happened. */
	private static final Instant IMPORTED_AT = Instant.parse("2019-06-01T02:00:00Z");

	private static final String JOINED = "2015-03-01 10:00";

	/** One order line or returned line of the history, in Shanghai time. */
	private record Line(String number, String at, String sku, String category, int quantity, String price,
			String original) {

		Instant instant() {
			return LocalDateTime.parse(at.replace(' ', 'T')).atZone(SHANGHAI).toInstant();
		}

	}

	private static final List<Line> HISTORY = List.of(
			new Line("O1", "2015-04-10 10:00", "SK-1001", "skincare", 1, "600.00", null),
			// Crosses SILVER's threshold: up at once; reviewed a year later, when the window no longer holds O1.
			new Line("O2", "2015-06-20 10:00", "SK-1001", "skincare", 2, "250.00", null),
			new Line("RT2", "2015-08-01 10:00", "SK-1001", "skincare", -1, "250.00", "O2"),
			new Line("O3", "2016-09-15 10:00", "SK-1001", "skincare", 1, "800.00", null),
			// O2's points expired unused at the end of 2016: returning the rest of it takes back none of O3's.
			new Line("RT2B", "2017-02-01 10:00", "SK-1001", "skincare", -1, "250.00", "O2"),
			// After the lots of 2015 expired at the end of 2016.
			new Line("O4", "2017-03-05 10:00", "HC-4001", "haircare", 3, "150.00", null),
			new Line("O5", "2018-01-20 10:00", "SK-1001", "skincare", 1, "400.00", null));

	@Test
	void anImportedHistoryLeavesTheLedgerAndTiersTheProgrammeWouldHaveWritten() {
		String twinPhone = newPhone();
		clock.set(at(JOINED));
		String twin = registerMember("历史 孪生", twinPhone, List.of());
		for (Line line : HISTORY) {
			clock.set(line.instant());
			runDailyJobs();
			if (line.quantity() > 0) {
				recordThroughApi(twin, line);
			}
			else {
				refundThroughApi(line);
			}
		}
		clock.set(IMPORTED_AT);
		runDailyJobs();

		String phone = newPhone();
		awaitImport(startImport("members", "crm", "姓名,手机,注册时间\n历史 会员,%s,%s\n".formatted(phone, JOINED),
				"{\"name\":\"姓名\",\"phone\":\"手机\",\"joinedAt\":\"注册时间\",\"joinChannel\":{\"value\":\"WEB\"}}", null))
			.path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(1);
		String member = as("crm").documentName("memberByContact").variable("phone", phone).execute()
			.path("memberByContact.id").entity(String.class).get();
		StringBuilder csv = new StringBuilder("单号,手机,时间,商品,品类,数量,单价,原单号\n");
		HISTORY.forEach(line -> csv.append(String.join(",", "HH-" + line.number(), phone, line.at(), line.sku(),
				line.category(), String.valueOf(line.quantity()), line.price(),
				line.original() == null ? "" : "HH-" + line.original())).append('\n'));
		awaitImport(startImport("orders", "crm", csv.toString(), """
				{"orderNumber":"单号","channel":{"value":"WEB"},"memberPhone":"手机","placedAt":"时间",
				 "paidAt":{"sameAs":"placedAt"},"sku":"商品","category":"品类","quantity":"数量","unitPrice":"单价",
				 "originalOrderNumber":"原单号"}""", null))
			.path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(HISTORY.size())
			.path("importJob.rowsRejected").entity(Integer.class).isEqualTo(0);

		MongoTemplate mongo = bean(MongoTemplate.class);
		Document programme = MemberStates.withoutWriteTimes(MemberStates.of(mongo, twin, Map.of(twin, member, "HT-", "HH-")));
		Document imported = MemberStates.withoutWriteTimes(MemberStates.of(mongo, member, Map.of()));
		assertThat(imported).isEqualTo(programme);

		// Nothing is dated the day of the import: every step is dated by the history.
		List<TierChange> changes = mongo.find(org.springframework.data.mongodb.core.query.Query.query(
				org.springframework.data.mongodb.core.query.Criteria.where("memberId").is(member)), TierChange.class);
		changes.sort(java.util.Comparator.comparing(TierChange::at));
		// SILVER at once; down at its anniversary (O1 left the window); up at once with O4 (O3 and O4 in the
		// window); down at that tier's anniversary (only O5 left).
		assertThat(changes).extracting(TierChange::reason, TierChange::at).containsExactly(
				org.assertj.core.groups.Tuple.tuple(TierChange.Reason.ENTRY, at(JOINED)),
				org.assertj.core.groups.Tuple.tuple(TierChange.Reason.UPGRADE, at("2015-06-20 10:00")),
				org.assertj.core.groups.Tuple.tuple(TierChange.Reason.DOWNGRADE, at("2016-06-20 10:00")),
				org.assertj.core.groups.Tuple.tuple(TierChange.Reason.UPGRADE, at("2017-03-05 10:00")),
				org.assertj.core.groups.Tuple.tuple(TierChange.Reason.DOWNGRADE, at("2018-03-05 10:00")));
		assertThat(changes).extracting(TierChange::at).allSatisfy(at -> assertThat(at).isBefore(IMPORTED_AT));
		assertThat(mongo.find(org.springframework.data.mongodb.core.query.Query.query(
				org.springframework.data.mongodb.core.query.Criteria.where("memberId").is(member)), PointsEntry.class))
			.extracting(PointsEntry::occurredAt)
			.allSatisfy(at -> assertThat(at).isBefore(IMPORTED_AT))
			.contains(at(JOINED));
	}

	@Test
	void anImportWithLoyaltyNoneCountsTheOrdersAndGrantsNothing() {
		String phone = newPhone();
		String member = registerMember("无积分", phone, List.of());
		long before = balance(member);
		awaitImport(startImport("orders", "crm", "单号,手机,时间,商品,数量,单价\nNP-%s,%s,2026-05-01 10:00,SK-1001,2,420.00\n"
			.formatted(phone, phone), """
				{"orderNumber":"单号","channel":{"value":"WEB"},"memberPhone":"手机","placedAt":"时间",
				 "paidAt":{"sameAs":"placedAt"},"sku":"商品","quantity":"数量","unitPrice":"单价"}""", null, "NONE"))
			.path("importJob.rowsLoaded").entity(Integer.class).isEqualTo(1);
		as("crm").documentName("memberStats").variable("id", member).execute()
			.path("member.stats.orderCount").entity(Integer.class).isEqualTo(1)
			.path("member.stats.totalSpend").entity(String.class).isEqualTo("840.00");
		assertThat(balance(member)).isEqualTo(before);
		as("crm").documentName("memberPoints").variable("id", member).execute()
			.path("member.tierHistory[*].reason").entityList(String.class).containsExactly("ENTRY");
	}

	private long balance(String member) {
		return as("crm").documentName("memberPoints").variable("id", member).execute()
			.path("member.points.balance").entity(Long.class).get();
	}

	/** What the daily jobs do each morning, as of now: lots past their date expire, due reviews are carried out. */
	private void runDailyJobs() {
		bean(PointsMaintenance.class).expireAsOf(now());
		bean(TierQualification.class).reviewDue(now());
	}

	private void recordThroughApi(String member, Line line) {
		Map<String, Object> order = new HashMap<>();
		order.put("channel", "WEB");
		order.put("orderNumber", "HT-" + line.number());
		order.put("memberId", member);
		order.put("placedAt", line.instant().toString());
		order.put("paidAt", line.instant().toString());
		order.put("lines", List.of(Map.of("sku", line.sku(), "category", line.category(), "quantity", line.quantity(),
				"unitPrice", line.price())));
		as("storefront").documentName("recordOrder").variable("input", order).execute()
			.path("recordOrder.errors").entityList(Object.class).hasSize(0);
	}

	/** The refund an imported return makes, as its own API call: the return's number is the refund's id. */
	private void refundThroughApi(Line line) {
		List<Map<String, Object>> lines = new ArrayList<>();
		lines.add(Map.of("sku", line.sku(), "quantity", -line.quantity()));
		String amount = new java.math.BigDecimal(line.price()).multiply(java.math.BigDecimal.valueOf(-line.quantity()))
			.toPlainString();
		as("support").documentName("refundOrder")
			.variable("input", Map.of("channel", "WEB", "orderNumber", "HT-" + line.original(), "refundId",
					"HT-" + line.number(), "amount", amount, "refundedAt", line.instant().toString(), "reason",
					"imported return HT-" + line.number(), "lines", lines))
			.execute().path("refundOrder.errors").entityList(Object.class).hasSize(0);
	}

	private static Instant at(String shanghai) {
		return LocalDateTime.parse(shanghai.replace(' ', 'T')).atZone(SHANGHAI).toInstant();
	}

}
