package io.membergraph.segment.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

import io.membergraph.segment.internal.Condition.Behaviour;
import io.membergraph.segment.internal.Condition.Value;

/**
 * Whether a member is in a segment on a given day. Two-valued: a comparison with a field the member has no
 * value for is false (so {@code tier = 'GOLD'} and {@code tier != 'GOLD'} both leave out a member without a
 * tier, and {@code NOT tier = 'GOLD'} takes it in); {@code IS NULL} asks for the missing value itself. One
 * evaluation serves one thread: it remembers the behaviours it has tested.
 */
public final class SegmentEvaluation {

	/** Ages found by {@link #age(long)} without a period: older ones are worked out by {@code Period}. */
	private static final int YEARS_BACK = 150;

	private final LocalDate today;

	/**
	 * The epoch day of today less k years, for k up to {@link #YEARS_BACK}: a member born on it or before is at least
	 * k years old (a 29 February today goes back to the 28th of a common year, as {@code Period} counts).
	 */
	private final long[] yearsBack;

	/** Each behaviour of the condition as its members are tested on it, worked out at its first member. */
	private final Map<Behaviour, BehaviourCheck> behaviours = new IdentityHashMap<>();

	/** @param today the evaluation day in the business time zone: relative days count back from it */
	public SegmentEvaluation(LocalDate today) {
		this.today = today;
		this.yearsBack = new long[YEARS_BACK + 1];
		for (int years = 0; years <= YEARS_BACK; years++) {
			yearsBack[years] = today.minusYears(years).toEpochDay();
		}
	}

	public boolean matches(Condition condition, SegmentMember member) {
		if (condition instanceof Condition.All all) {
			for (Condition part : all.conditions()) {
				if (!matches(part, member)) {
					return false;
				}
			}
			return true;
		}
		if (condition instanceof Condition.Any any) {
			for (Condition part : any.conditions()) {
				if (matches(part, member)) {
					return true;
				}
			}
			return false;
		}
		if (condition instanceof Condition.Not not) {
			return !matches(not.condition(), member);
		}
		if (condition instanceof Behaviour behaviour) {
			return did(behaviour, member);
		}
		SegmentField field = Condition.fieldOf(condition);
		return holds(condition, raw(field, member));
	}

	/**
	 * Whether a condition on one member field holds for a value of that field, in the form {@link #raw} gives
	 * (null: the member has none). Members with the same value are in or out together, which lets a condition be
	 * decided once per distinct value.
	 */
	boolean holds(Condition condition, Object raw) {
		if (condition instanceof Condition.Compare compare) {
			Comparable<Object> actual = comparable(raw);
			return actual != null && compare.operator().holds(actual.compareTo(literal(compare.value())));
		}
		if (condition instanceof Condition.In in) {
			Comparable<Object> actual = comparable(raw);
			return actual != null && in.values().stream().anyMatch(v -> actual.compareTo(literal(v)) == 0) != in.negated();
		}
		if (condition instanceof Condition.Between between) {
			Comparable<Object> actual = comparable(raw);
			return actual != null && actual.compareTo(literal(between.low())) >= 0
					&& actual.compareTo(literal(between.high())) <= 0;
		}
		if (condition instanceof Condition.Contains contains) {
			return raw instanceof Collection<?> set && set.contains(((Value.Text) contains.value()).text());
		}
		Condition.IsNull isNull = (Condition.IsNull) condition;
		return (raw == null) != isNull.negated();
	}

	/** A member's age in whole years on the evaluation day: the years of {@code Period.between(birthDate, today)}. */
	Integer age(LocalDate birthDate) {
		return birthDate == null ? null : age(birthDate.toEpochDay());
	}

	/**
	 * {@link #age(LocalDate)} of a birth date given as its epoch day, found among the days that are whole years
	 * before today without building a date or a period: a preview on age works out thousands of birth dates.
	 */
	int age(long birthDay) {
		long[] back = yearsBack;
		if (birthDay > back[0] || birthDay <= back[back.length - 1]) {
			return Period.between(LocalDate.ofEpochDay(birthDay), today).getYears();
		}
		// The most years back whose day is on or after the birth day: back[] falls as the years grow.
		int low = 0;
		int high = back.length - 1;
		while (low < high) {
			int middle = (low + high + 1) >>> 1;
			if (back[middle] >= birthDay) {
				low = middle;
			}
			else {
				high = middle - 1;
			}
		}
		return low;
	}

	/** The consent channel a consent field tests, by name; null for other fields. */
	static String consentChannel(SegmentField field) {
		return switch (field) {
			case CONSENT_SMS -> "SMS";
			case CONSENT_EMAIL -> "EMAIL";
			case CONSENT_WECHAT -> "WECHAT";
			case CONSENT_APP_PUSH -> "APP_PUSH";
			case CONSENT_PHONE_CALL -> "PHONE_CALL";
			default -> null;
		};
	}

	private boolean did(Behaviour behaviour, SegmentMember member) {
		return behaviours.computeIfAbsent(behaviour, b -> new BehaviourCheck(b,
				b.since() == null ? Long.MIN_VALUE : day(b.since()).toEpochDay(),
				(b.until() == null ? today : day(b.until())).toEpochDay())).test(member);
	}

	private LocalDate day(Value value) {
		return value instanceof Value.Day day ? day.day() : ((Value.RelativeDay) value).from(today);
	}

	/** The literal in the form the member's values take: texts, BigDecimals, days, booleans. */
	@SuppressWarnings("unchecked")
	private Comparable<Object> literal(Value value) {
		Object literal = value instanceof Value.Text text ? text.text()
				: value instanceof Value.Number number ? number.number()
						: value instanceof Value.Bool bool ? (Object) bool.value() : day(value);
		return (Comparable<Object>) literal;
	}

	@SuppressWarnings("unchecked")
	private static Comparable<Object> comparable(Object raw) {
		if (raw instanceof Long number) {
			raw = BigDecimal.valueOf(number);
		}
		else if (raw instanceof Integer number) {
			raw = BigDecimal.valueOf(number);
		}
		else if (raw instanceof Double number) {
			raw = BigDecimal.valueOf(number);
		}
		return (Comparable<Object>) raw;
	}

	private Object raw(SegmentField field, SegmentMember member) {
		return switch (field) {
			case TIER -> member.tier();
			case PROVINCE -> member.province();
			case CITY -> member.city();
			case AGE -> age(member.birthDate());
			case GENDER -> member.gender();
			case JOINED -> member.joined();
			case JOIN_CHANNEL -> member.joinChannel();
			case CHANNELS -> member.channels();
			case TAGS -> member.tags();
			case CONSENT_SMS, CONSENT_EMAIL, CONSENT_WECHAT, CONSENT_APP_PUSH, CONSENT_PHONE_CALL ->
				member.consent().get(consentChannel(field));
			case POINTS_BALANCE -> member.pointsBalance();
			case POINTS_EXPIRING_SOON -> member.pointsExpiringSoon();
			case RFM_SEGMENT -> member.rfmSegment();
			case LIFECYCLE -> member.lifecycle();
			case PREDICTED_CHURN_RISK -> member.prediction() == null ? null : member.prediction().churnRisk();
			case PREDICTED_CHURN_BAND -> member.prediction() == null || member.prediction().churnBand() == null ? null
					: member.prediction().churnBand().name();
			case PREDICTED_CLV -> member.prediction() == null ? null : member.prediction().clv();
			case PREDICTED_PURCHASES_90D -> member.prediction() == null ? null : member.prediction().expectedPurchases();
		};
	}

}
