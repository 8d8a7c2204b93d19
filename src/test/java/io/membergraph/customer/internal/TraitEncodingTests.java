package io.membergraph.customer.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

import io.membergraph.customer.MemberTraits.Traits;
import io.membergraph.customer.TraitColumns.Trait;
import io.membergraph.customer.TraitColumns;
import io.membergraph.shared.BusinessCalendar;
import io.membergraph.store.DecidedPerCode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Columns patched refresh after refresh hold what columns loaded afresh from the same members hold, row for row
 * in the order of the traits view: the view's map keeps a member in its place when it is written again, adds a new
 * one at the end and drops a merged one, and so must the rows.
 */
class TraitEncodingTests {

	private static final BusinessCalendar CALENDAR = new BusinessCalendar(ZoneId.of("Asia/Shanghai"));

	private final Random random = new Random(20261201);

	@Test
	void patchedColumnsEqualColumnsLoadedAfresh() {
		Map<String, Traits> view = members(200);
		TraitEncoding encoding = new TraitEncoding(CALENDAR);
		TraitColumns columns = encoding.load(view.values());
		int next = 200;
		for (int refresh = 0; refresh < 40; refresh++) {
			TraitColumns before = columns;
			List<String> beforeRows = rows(before);
			Map<String, Traits> changes = new LinkedHashMap<>();
			for (int c = 0; c < 1 + random.nextInt(20); c++) {
				int kind = random.nextInt(4);
				if (kind == 0) {
					String id = "m" + next++;
					changes.put(id, traits(id));
				}
				else if (kind == 1 && !view.isEmpty()) {
					changes.put(anyOf(view), null);
				}
				else if (!view.isEmpty()) {
					String id = anyOf(view);
					changes.put(id, traits(id));
				}
			}
			changes.forEach((id, traits) -> {
				if (traits == null) {
					view.remove(id);
				}
				else {
					view.put(id, traits);
				}
			});
			columns = encoding.patch(changes);

			assertThat(rows(columns)).isEqualTo(rows(TraitColumns.of(view.values(), CALENDAR)));
			assertThat(rows(before)).as("columns handed out before a patch do not change").isEqualTo(beforeRows);
		}
	}

	/**
	 * A count or pass over one or several traits selects the live members that testing each row's decoded values
	 * selects, on columns where merged-away members left empty rows (whose old codes must not be counted).
	 */
	@Test
	void countsAndPassesOverPatchedColumnsSelectWhatEachRowsValuesSelect() {
		Map<String, Traits> view = members(300);
		TraitEncoding encoding = new TraitEncoding(CALENDAR);
		encoding.load(view.values());
		Map<String, Traits> removed = new LinkedHashMap<>();
		for (int i = 0; i < 60; i++) {
			removed.put(anyOf(view), null);
		}
		removed.keySet().forEach(view::remove);
		TraitColumns columns = encoding.patch(removed);
		int someButNotAll = 0;
		for (int q = 0; q < 300; q++) {
			int many = 1 + random.nextInt(3);
			Trait[] traits = new Trait[many];
			IntPredicate[] tests = new IntPredicate[many];
			for (int k = 0; k < many; k++) {
				Trait trait = Trait.values()[random.nextInt(Trait.values().length)];
				int salt = random.nextInt(1_000);
				boolean noneHolds = random.nextBoolean();
				traits[k] = trait;
				tests[k] = code -> code == TraitColumns.NONE ? noneHolds
						: Math.floorMod(columns.value(trait, code).hashCode() + salt, 3) != 0;
			}
			List<String> rowByRow = new ArrayList<>();
			for (int row = 0; row < columns.rows(); row++) {
				int r = row;
				if (columns.memberId(row) != null && IntStream.range(0, many)
					.allMatch(k -> tests[k].test(columns.code(traits[k], r)))) {
					rowByRow.add(columns.memberId(row));
				}
			}
			int sampleSize = random.nextInt(12);
			List<String> sample = new ArrayList<>();
			int counted = columns.countHolding(traits, decided(tests), sampleSize, sample);
			List<String> passed = new ArrayList<>();
			columns.forEachHolding(traits, decided(tests), passed::add);

			assertThat(counted).isEqualTo(rowByRow.size());
			assertThat(sample).isEqualTo(rowByRow.subList(0, Math.min(sampleSize, rowByRow.size())));
			assertThat(passed).isEqualTo(rowByRow);
			someButNotAll += !rowByRow.isEmpty() && rowByRow.size() < view.size() ? 1 : 0;
		}
		assertThat(someButNotAll).as("selections that split the members").isGreaterThan(150);
	}

	/** Columns made up by a caller (a warm-up on invented members) may leave rows empty, as merges leave them. */
	@Test
	void aNullMemberLeavesAnEmptyRowThatNoPassOrCountSelects() {
		List<Traits> members = new ArrayList<>(members(3).values());
		members.add(1, null);
		TraitColumns columns = TraitColumns.of(members, CALENDAR);
		Trait[] tier = { Trait.TIER };
		DecidedPerCode[] everyValueAndNone = { new DecidedPerCode(code -> true) };
		List<String> passed = new ArrayList<>();
		columns.forEachHolding(tier, everyValueAndNone, passed::add);

		assertThat(columns.rows()).isEqualTo(4);
		assertThat(columns.memberId(1)).isNull();
		assertThat(columns.code(Trait.TIER, 1)).isEqualTo(TraitColumns.NONE);
		assertThat(passed).containsExactly("m0", "m1", "m2");
		assertThat(columns.countHolding(tier, everyValueAndNone, 10, new ArrayList<>())).isEqualTo(3);
	}

	private static DecidedPerCode[] decided(IntPredicate[] tests) {
		return Arrays.stream(tests).map(DecidedPerCode::new)
			.toArray(DecidedPerCode[]::new);
	}

	/** Every live row as the member id and its decoded traits, in row order. */
	private static List<String> rows(TraitColumns columns) {
		List<String> rows = new ArrayList<>();
		for (int row = 0; row < columns.rows(); row++) {
			if (columns.memberId(row) == null) {
				continue;
			}
			StringBuilder decoded = new StringBuilder(columns.memberId(row));
			for (Trait trait : Trait.values()) {
				int code = columns.code(trait, row);
				decoded.append('|').append(code == TraitColumns.NONE ? null : columns.value(trait, code));
			}
			rows.add(decoded.toString());
		}
		return rows;
	}

	/** Random members m0, m1, … by id, in that order. */
	private Map<String, Traits> members(int count) {
		Map<String, Traits> members = new LinkedHashMap<>();
		for (int i = 0; i < count; i++) {
			members.put("m" + i, traits("m" + i));
		}
		return members;
	}

	private String anyOf(Map<String, Traits> view) {
		return new ArrayList<>(view.keySet()).get(random.nextInt(view.size()));
	}

	private Traits traits(String id) {
		return new Traits(id, pick("GOLD", "SILVER", null), pick("广东", "浙江", null), pick("广州", "杭州", null),
				random.nextInt(4) == 0 ? null : LocalDate.of(1960 + random.nextInt(40), 1 + random.nextInt(12), 1 + random.nextInt(28)),
				pick("FEMALE", "MALE", null),
				random.nextInt(5) == 0 ? null : Instant.parse("2024-01-01T00:00:00Z").plusSeconds(random.nextInt(86_400 * 700)),
				pick("APP", "WEB", "TMALL"), Set.of(pick("APP", "WEB", "TMALL")),
				random.nextBoolean() ? Set.of() : Set.of(pick("vip", "staff", "wholesale")),
				random.nextBoolean() ? Map.of() : Map.of("SMS", random.nextBoolean()));
	}

	private String pick(String... choices) {
		return choices[random.nextInt(choices.length)];
	}

}
