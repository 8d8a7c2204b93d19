package io.membergraph.customer;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import io.membergraph.customer.internal.TraitEncoding;
import io.membergraph.shared.BusinessCalendar;
import io.membergraph.store.DecidedPerCode;

/**
 * Every live member's traits as columns, for conditions that test traits of every member: one row per member, in
 * the order of {@link MemberTraits#byMember()}, and for each trait an array of codes into that trait's distinct
 * values. A condition on a trait is then decided once per distinct value (a few thousand birth dates, a few dozen
 * sets of tags) and applied to the rows by looking the code up, instead of once per member on its own objects.
 * Immutable: a member written makes a patched copy, where its row is overwritten, a new member is appended and a
 * merged-away member leaves its row empty.
 */
public final class TraitColumns {

	/** A column, and the type of its distinct values. */
	public enum Trait {

		/** The tier code, a String. */
		TIER,
		/** A String. */
		PROVINCE,
		/** A String. */
		CITY,
		/** A LocalDate. */
		BIRTH_DATE,
		/** The gender's name, a String. */
		GENDER,
		/** The day of registration in the business time zone, a LocalDate. */
		JOINED,
		/** The channel's name, a String. */
		JOIN_CHANNEL,
		/** The join channel and the channels of the member's identities, a Set of names. */
		CHANNELS,
		/** A Set of tags. */
		TAGS,
		/** Granted or not by consent channel name, a Map; a channel never asked is absent. */
		CONSENT

	}

	/** The code of a member without a value for the trait (no tier, no birth date). */
	public static final int NONE = -1;

	/** The member id of each row; null for a row whose member is no longer live. */
	private final String[] ids;

	/** By trait, then by row: the code of the row's value, or {@link #NONE}. */
	private final int[][] codes;

	/** By trait, then by code: the distinct value. */
	private final Object[][] values;

	/** By trait, the epoch days of a trait of dates by code ({@link #epochDays}); null for other traits. */
	private final long[][] epochDays = new long[Trait.values().length][];

	/** The rows whose member is no longer live, in row order: few, so a count over every row takes them off after. */
	private final int[] emptyRows;

	/**
	 * Columns of these members, in this order, a null leaving its row empty as a member merged away does: for a
	 * caller that has traits of its own (a test, a warm-up on invented members).
	 */
	public static TraitColumns of(Collection<MemberTraits.Traits> members, BusinessCalendar calendar) {
		return new TraitEncoding(calendar).load(members);
	}

	public TraitColumns(String[] ids, int[][] codes, Object[][] values) {
		this.ids = ids;
		this.codes = codes;
		this.values = values;
		this.emptyRows = IntStream.range(0, ids.length).filter(row -> ids[row] == null).toArray();
		for (Trait dates : new Trait[] { Trait.BIRTH_DATE, Trait.JOINED }) {
			epochDays[dates.ordinal()] = epochDaysOf(values[dates.ordinal()]);
		}
	}

	/** The number of rows, the empty ones of members no longer live included. */
	public int rows() {
		return ids.length;
	}

	/** The member of a row, or null when the row is empty (the member was merged away). */
	public String memberId(int row) {
		return ids[row];
	}

	/** The code of the row's value of the trait, or {@link #NONE}. */
	public int code(Trait trait, int row) {
		return codes[trait.ordinal()][row];
	}

	/**
	 * Hands the member of every live row whose value of each trait {@code holds} (by its code, {@link #NONE} for
	 * none; the traits tested in the order given, the first to fail ends the row) to {@code each}, in row order: one
	 * tight pass over those columns, with no combination of tests to call through per row.
	 */
	public void forEachHolding(Trait[] traits, DecidedPerCode[] holds, Consumer<String> each) {
		int[][] columns = columnsOf(traits);
		byte[] first = holds[0].table(distinct(traits[0]));
		int[] firstColumn = columns[0];
		rows: for (int row = 0; row < ids.length; row++) {
			if (first[firstColumn[row] + 1] == 0) {
				continue;
			}
			for (int k = 1; k < columns.length; k++) {
				if (!holds[k].test(columns[k][row])) {
					continue rows;
				}
			}
			String id = ids[row];
			if (id != null) {
				each.accept(id);
			}
		}
	}

	/**
	 * {@link #forEachHolding} for a count: how many live members hold every test, the first {@code sampleSize} of
	 * them added to {@code sample}. No call per member: a preview counting a trait that most members hold spends
	 * its time in the columns, not in handing each id out.
	 */
	public int countHolding(Trait[] traits, DecidedPerCode[] holds, int sampleSize, List<String> sample) {
		int[][] columns = columnsOf(traits);
		byte[] first = holds[0].table(distinct(traits[0]));
		if (columns.length == 1) {
			return countHolding(columns[0], first, sampleSize, sample);
		}
		int[] firstColumn = columns[0];
		int count = 0;
		rows: for (int row = 0; row < ids.length; row++) {
			if (first[firstColumn[row] + 1] == 0) {
				continue;
			}
			for (int k = 1; k < columns.length; k++) {
				if (!holds[k].test(columns[k][row])) {
					continue rows;
				}
			}
			String id = ids[row];
			if (id != null && count++ < sampleSize) {
				sample.add(id);
			}
		}
		return count;
	}

	/**
	 * One trait: the count adds up the table's ones and zeros with no branch per row (a trait that half the members
	 * hold, like a consent, would be a coin toss per row for the processor to guess), the empty rows taken off after,
	 * and the sample taken from the first rows apart.
	 */
	private int countHolding(int[] column, byte[] holds, int sampleSize, List<String> sample) {
		int count = 0;
		for (int row = 0; row < column.length; row++) {
			count += holds[column[row] + 1];
		}
		for (int row : emptyRows) {
			count -= holds[column[row] + 1];
		}
		int taken = 0;
		for (int row = 0; taken < sampleSize && row < column.length; row++) {
			if (holds[column[row] + 1] != 0 && ids[row] != null) {
				sample.add(ids[row]);
				taken++;
			}
		}
		return count;
	}

	private int[][] columnsOf(Trait[] traits) {
		int[][] columns = new int[traits.length][];
		for (int k = 0; k < traits.length; k++) {
			columns[k] = codes[traits[k].ordinal()];
		}
		return columns;
	}

	/** How many distinct values of the trait there are: the codes run from 0 below it. */
	public int distinct(Trait trait) {
		return values[trait.ordinal()].length;
	}

	/**
	 * The values of a trait of dates ({@link Trait#BIRTH_DATE}, {@link Trait#JOINED}) as epoch days, by code: a
	 * condition on them reads numbers from one array rather than a date object per value.
	 */
	public long[] epochDays(Trait trait) {
		if (trait != Trait.BIRTH_DATE && trait != Trait.JOINED) {
			throw new IllegalArgumentException(trait + " holds no dates");
		}
		return epochDays[trait.ordinal()];
	}

	private static long[] epochDaysOf(Object[] dates) {
		long[] days = new long[dates.length];
		for (int code = 0; code < days.length; code++) {
			days[code] = ((LocalDate) dates[code]).toEpochDay();
		}
		return days;
	}

	/** The value a code of the trait stands for, of the type {@link Trait} names. */
	public Object value(Trait trait, int code) {
		return values[trait.ordinal()][code];
	}

}
