package io.membergraph.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.membergraph.analytics.internal.CohortRetention.Basis;
import io.membergraph.analytics.internal.Rfm.MemberRfm;
import io.membergraph.analytics.internal.CohortRetention;
import io.membergraph.analytics.internal.Lifecycle;
import io.membergraph.analytics.internal.Repurchase;
import io.membergraph.analytics.internal.Rfm;
import io.membergraph.analytics.internal.RfmTests;
import io.membergraph.analytics.internal.ValueMatrix;
import io.membergraph.commerce.MemberPurchases.Item;
import io.membergraph.commerce.MemberPurchases.PaidOrder;
import io.membergraph.commerce.MemberPurchases.RefundAt;
import io.membergraph.customer.CustomerHistory;
import io.membergraph.customer.LifecycleStage;
import io.membergraph.customer.LifecycleThresholds;
import io.membergraph.customer.RfmSegment;
import io.membergraph.shared.Channel;
import io.membergraph.shared.Money;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On random data sets, RFM, the cohort triangle, the value matrix, the lifecycle stages and repurchase equal a
 * plain, slow computation straight from the orders:
 * every order looked at for every member, every score counted pair by pair.
 */
class AnalysesMatchTheRawOrdersTests {

	private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	@ParameterizedTest(name = "seed {0}")
	@ValueSource(longs = { 1, 2, 3, 20261123 })
	void rfmEqualsThePlainComputation(long seed) {
		List<CustomerHistory> members = randomMembers(new Random(seed), 150);
		AnalysisScope scope = new AnalysisScope(LocalDate.of(2026, 6, 30), ZONE, seed % 2 == 0 ? 180 : null, null, null,
				null, null);

		Map<String, MemberRfm> actual = RfmTests.byId(Rfm.of(members, scope, Rfm.Settings.DEFAULT));

		assertThat(actual).isEqualTo(plainRfm(members, scope));
	}

	@ParameterizedTest(name = "seed {0}")
	@ValueSource(longs = { 4, 5, 6 })
	void cohortsEqualThePlainComputation(long seed) {
		List<CustomerHistory> members = randomMembers(new Random(seed), 150);
		AnalysisScope scope = new AnalysisScope(LocalDate.of(2026, 6, 30), ZONE, null, null, null, null, null);
		for (Basis basis : Basis.values()) {
			CohortRetention.Settings settings = new CohortRetention.Settings(basis, YearMonth.of(2025, 1),
					YearMonth.of(2026, 6), 24, false);

			Map<YearMonth, List<Integer>> actual = new HashMap<>();
			Map<YearMonth, Integer> sizes = new HashMap<>();
			CohortRetention.of(members, scope, settings).cohorts().forEach(c -> {
				actual.put(c.month(), c.retained());
				sizes.put(c.month(), c.size());
			});

			Map<YearMonth, List<Integer>> expected = new HashMap<>();
			Map<YearMonth, Integer> expectedSizes = new HashMap<>();
			for (YearMonth cohort = settings.from(); !cohort.isAfter(settings.to()); cohort = cohort.plusMonths(1)) {
				List<CustomerHistory> inCohort = new ArrayList<>();
				for (CustomerHistory m : members) {
					if (cohort.equals(basis == Basis.FIRST_ORDER ? plainFirstMonth(m, scope) : YearMonth.from(m.joinedAt().atZone(ZONE)))) {
						inCohort.add(m);
					}
				}
				if (inCohort.isEmpty()) {
					continue;
				}
				List<Integer> retained = new ArrayList<>();
				for (YearMonth month = cohort; !month.isAfter(YearMonth.from(scope.asOf()))
						&& retained.size() <= settings.maxOffset(); month = month.plusMonths(1)) {
					int count = 0;
					for (CustomerHistory m : inCohort) {
						YearMonth target = month;
						if (m.orders().stream().anyMatch(o -> counts(o, scope) && YearMonth.from(o.placedAt().atZone(ZONE)).equals(target))) {
							count++;
						}
					}
					retained.add(count);
				}
				expected.put(cohort, retained);
				expectedSizes.put(cohort, inCohort.size());
			}
			assertThat(actual).as(basis.name()).isEqualTo(expected);
			assertThat(sizes).as(basis.name()).isEqualTo(expectedSizes);
		}
	}

	@ParameterizedTest(name = "seed {0}")
	@ValueSource(longs = { 7, 8 })
	void valueMatrixAndLifecycleEqualThePlainComputation(long seed) {
		List<CustomerHistory> members = randomMembers(new Random(seed), 150);
		AnalysisScope scope = new AnalysisScope(LocalDate.of(2026, 6, 30), ZONE, null, null, null, null, null);

		Map<String, long[]> rfm = new HashMap<>();
		plainRfm(members, scope).forEach((id, r) -> rfm.put(id, new long[] { r.frequency(), r.monetary().minorUnits() }));
		double meanAov = rfm.values().stream().mapToDouble(v -> (double) v[1] / v[0]).average().orElse(0);
		double meanF = rfm.values().stream().mapToLong(v -> v[0]).average().orElse(0);
		int[] expectedTypes = new int[4];
		rfm.values().forEach(v -> expectedTypes[ValueMatrix.Type.of((double) v[1] / v[0] >= meanAov, v[0] >= meanF).ordinal()]++);
		assertThat(ValueMatrix.of(members, scope, new ValueMatrix.Settings(null, null)).quadrants())
			.extracting(ValueMatrix.Quadrant::members).containsExactly(expectedTypes[0], expectedTypes[1], expectedTypes[2],
					expectedTypes[3]);

		Map<LifecycleStage, Integer> expectedStages = new java.util.EnumMap<>(LifecycleStage.class);
		for (CustomerHistory m : members) {
			if (!m.joinedAt().isBefore(scope.end())) {
				continue;
			}
			List<LocalDate> days = m.orders().stream().filter(o -> counts(o, scope))
				.map(o -> o.placedAt().atZone(ZONE).toLocalDate()).sorted().toList();
			LifecycleStage stage;
			if (days.isEmpty()) {
				stage = LifecycleStage.PROSPECT;
			}
			else if (ChronoUnit.DAYS.between(days.get(0), scope.asOf()) < 30) {
				stage = LifecycleStage.NEW;
			}
			else {
				long recency = ChronoUnit.DAYS.between(days.get(days.size() - 1), scope.asOf());
				stage = recency <= 90 ? LifecycleStage.ACTIVE : recency <= 180 ? LifecycleStage.AT_RISK
						: recency <= 365 ? LifecycleStage.LAPSED : LifecycleStage.CHURNED;
			}
			expectedStages.merge(stage, 1, Integer::sum);
		}
		Lifecycle.Distribution distribution = Lifecycle.distribution(members, scope, LifecycleThresholds.DEFAULT);
		distribution.stages().forEach(s -> assertThat(s.members()).as(s.stage().name())
			.isEqualTo(expectedStages.getOrDefault(s.stage(), 0)));
	}

	@ParameterizedTest(name = "seed {0}")
	@ValueSource(longs = { 9, 10 })
	void repurchaseEqualsThePlainComputation(long seed) {
		List<CustomerHistory> members = randomMembers(new Random(seed), 150);
		AnalysisScope scope = new AnalysisScope(LocalDate.of(2026, 6, 30), ZONE, null, null, null, null, null);

		Map<String, Repurchase.ItemRepurchase> actual = new HashMap<>();
		Repurchase.of(members, scope, Repurchase.Dimension.PRODUCT, 1000).top().forEach(i -> actual.put(i.key(), i));

		Map<String, List<java.util.TreeSet<LocalDate>>> days = new HashMap<>();
		for (CustomerHistory m : members) {
			Map<String, java.util.TreeSet<LocalDate>> own = new HashMap<>();
			for (PaidOrder o : m.orders()) {
				if (counts(o, scope)) {
					for (Item item : o.items()) {
						own.computeIfAbsent(item.sku(), k -> new java.util.TreeSet<>()).add(o.placedAt().atZone(ZONE).toLocalDate());
					}
				}
			}
			own.forEach((sku, set) -> days.computeIfAbsent(sku, k -> new ArrayList<>()).add(set));
		}
		assertThat(actual.keySet()).isEqualTo(days.keySet());
		days.forEach((sku, buyers) -> {
			List<Long> gaps = new ArrayList<>();
			for (java.util.TreeSet<LocalDate> set : buyers) {
				LocalDate previous = null;
				for (LocalDate day : set) {
					if (previous != null) {
						gaps.add(ChronoUnit.DAYS.between(previous, day));
					}
					previous = day;
				}
			}
			gaps.sort(null);
			Repurchase.ItemRepurchase item = actual.get(sku);
			assertThat(item.buyers()).as(sku).isEqualTo(buyers.size());
			assertThat(item.repeatBuyers()).as(sku).isEqualTo((int) buyers.stream().filter(b -> b.size() > 1).count());
			if (!gaps.isEmpty()) {
				int n = gaps.size();
				double median = n % 2 == 1 ? gaps.get(n / 2) : (gaps.get(n / 2 - 1) + gaps.get(n / 2)) / 2.0;
				assertThat(item.medianInterval()).as(sku).isEqualTo(median);
				assertThat(item.histogram().stream().mapToInt(Repurchase.Bucket::intervals).sum()).isEqualTo(n);
			}
		});
	}

	private static Map<String, MemberRfm> plainRfm(List<CustomerHistory> members, AnalysisScope scope) {
		Map<String, long[]> values = new HashMap<>();
		for (CustomerHistory m : members) {
			long lastDay = Long.MIN_VALUE;
			long count = 0;
			long spend = 0;
			for (PaidOrder o : m.orders()) {
				if (!counts(o, scope) || scope.lookbackDays() != null && o.placedAt().atZone(ZONE).toLocalDate()
					.isBefore(scope.asOf().minusDays(scope.lookbackDays() - 1))) {
					continue;
				}
				count++;
				spend += o.paidAmount().minorUnits() - o.refundedBefore(scope.end()).minorUnits();
				lastDay = Math.max(lastDay, o.placedAt().atZone(ZONE).toLocalDate().toEpochDay());
			}
			if (count > 0) {
				values.put(m.memberId(), new long[] { scope.asOf().toEpochDay() - lastDay, count, spend });
			}
		}
		int n = values.size();
		double[] means = new double[3];
		values.values().forEach(v -> {
			for (int i = 0; i < 3; i++) {
				means[i] += (double) v[i] / n;
			}
		});
		Map<String, MemberRfm> expected = new HashMap<>();
		values.forEach((id, v) -> {
			int[] scores = new int[3];
			for (int i = 0; i < 3; i++) {
				int better = 0;
				for (long[] other : values.values()) {
					if (i == 0 ? other[0] > v[0] : other[i] < v[i]) {
						better++;
					}
				}
				scores[i] = 1 + (int) (5L * better / n);
			}
			boolean recent = v[0] <= mean(values, 0);
			boolean frequent = v[1] >= mean(values, 1);
			boolean valuable = v[2] >= mean(values, 2);
			expected.put(id, new MemberRfm(id, (int) v[0], (int) v[1], new Money(v[2]), scores[0], scores[1], scores[2],
					RfmSegment.of(recent, frequent, valuable)));
		});
		return expected;
	}

	private static double mean(Map<String, long[]> values, int index) {
		return values.values().stream().mapToLong(v -> v[index]).average().orElse(0);
	}

	private static YearMonth plainFirstMonth(CustomerHistory m, AnalysisScope scope) {
		YearMonth first = null;
		for (PaidOrder o : m.orders()) {
			YearMonth month = YearMonth.from(o.placedAt().atZone(ZONE));
			if (counts(o, scope) && (first == null || month.isBefore(first))) {
				first = month;
			}
		}
		return first;
	}

	/** Placed by the end of the as-of day and not refunded in full by then. */
	private static boolean counts(PaidOrder o, AnalysisScope scope) {
		Instant end = scope.end();
		long refunded = o.refunds().stream().filter(r -> r.at().isBefore(end)).mapToLong(r -> r.amount().minorUnits()).sum();
		return o.placedAt().isBefore(end) && (o.paidAmount().minorUnits() == 0 || refunded < o.paidAmount().minorUnits());
	}

	/** Members joined over 2025–2026 with up to 8 orders each, some refunded in part or in full, some at midnight. */
	private static List<CustomerHistory> randomMembers(Random random, int count) {
		Instant origin = Instant.parse("2025-01-01T00:00:00Z");
		List<CustomerHistory> members = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Instant joined = origin.plus(random.nextInt(540), ChronoUnit.DAYS).plus(random.nextInt(24), ChronoUnit.HOURS);
			List<PaidOrder> orders = new ArrayList<>();
			int n = random.nextInt(9);
			for (int o = 0; o < n; o++) {
				Instant at = joined.plus(random.nextInt(400), ChronoUnit.DAYS)
					.plus(random.nextBoolean() ? 16 * 60 - 1 + random.nextInt(3) : random.nextInt(1440), ChronoUnit.MINUTES);
				long paid = 100 * (1 + random.nextInt(2000));
				List<RefundAt> refunds = new ArrayList<>();
				int kind = random.nextInt(10);
				if (kind == 0) {
					refunds.add(new RefundAt(at.plus(random.nextInt(20), ChronoUnit.DAYS), new Money(paid)));
				}
				else if (kind == 1) {
					refunds.add(new RefundAt(at.plus(random.nextInt(20), ChronoUnit.DAYS), new Money(paid / 3)));
				}
				List<Item> items = new ArrayList<>();
				for (int k = 0; k < 1 + random.nextInt(2); k++) {
					int product = random.nextInt(6);
					Item item = new Item("SKU-" + product, product < 3 ? "skincare" : "haircare");
					if (!items.contains(item)) {
						items.add(item);
					}
				}
				orders.add(new PaidOrder("O" + i + "-" + o, at, Channel.WEB, null, new Money(paid), refunds, items));
			}
			orders.sort(java.util.Comparator.comparing(PaidOrder::placedAt));
			members.add(new CustomerHistory("M" + i, joined, Channel.values()[random.nextInt(3)], "BASIC", null, null, orders));
		}
		return members;
	}

}
