package io.membergraph.customer.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.membergraph.customer.MemberTraits.Traits;
import io.membergraph.customer.TraitColumns.Trait;
import io.membergraph.customer.TraitColumns;
import io.membergraph.shared.BusinessCalendar;

/**
 * Turns the traits view into {@link TraitColumns} and keeps them up to date: a whole load encodes every member, a
 * refresh of the view patches a copy of the latest columns with the members it changed. Holds the rows and codes
 * handed out so far (a member keeps its row, a value its code), so it is used by one caller at a time.
 */
public final class TraitEncoding {

	private static final Trait[] TRAITS = Trait.values();

	private final BusinessCalendar calendar;

	private final Map<String, Integer> rowById = new HashMap<>();

	private final List<Map<Object, Integer>> codeByValue = new ArrayList<>();

	private final List<List<Object>> valuesByTrait = new ArrayList<>();

	private String[] ids;

	private int[][] codes;

	public TraitEncoding(BusinessCalendar calendar) {
		this.calendar = calendar;
	}

	/**
	 * Columns of exactly these members, in this order, with no codes of values no member has any more; a null member
	 * leaves its row empty.
	 */
	public TraitColumns load(Collection<Traits> members) {
		rowById.clear();
		codeByValue.clear();
		valuesByTrait.clear();
		for (int t = 0; t < TRAITS.length; t++) {
			codeByValue.add(new HashMap<>());
			valuesByTrait.add(new ArrayList<>());
		}
		ids = new String[members.size()];
		codes = new int[TRAITS.length][members.size()];
		int row = 0;
		for (Traits member : members) {
			if (member == null) {
				// An empty row, as a member merged away leaves one: for columns made up by a caller (a warm-up).
				for (int[] column : codes) {
					column[row] = TraitColumns.NONE;
				}
			}
			else {
				rowById.put(member.id(), row);
				write(row, member);
			}
			row++;
		}
		return publish();
	}

	/**
	 * The latest columns with the changes of one refresh of the view: by member id, its traits now, or null for a
	 * member the view dropped. A member seen before keeps its row, a new one gets the next, as in the view's map.
	 */
	public TraitColumns patch(Map<String, Traits> changes) {
		int added = 0;
		for (String id : changes.keySet()) {
			added += rowById.containsKey(id) || changes.get(id) == null ? 0 : 1;
		}
		// Copies: the columns handed out before are being read and must not change under their readers.
		ids = Arrays.copyOf(ids, ids.length + added);
		for (int t = 0; t < TRAITS.length; t++) {
			codes[t] = Arrays.copyOf(codes[t], ids.length);
		}
		int next = ids.length - added;
		for (Map.Entry<String, Traits> change : changes.entrySet()) {
			Integer row = rowById.get(change.getKey());
			if (change.getValue() == null) {
				// Its row stays empty; should the member come back, it is added at the end, as the view adds it.
				if (row != null) {
					ids[row] = null;
					rowById.remove(change.getKey());
				}
				continue;
			}
			if (row == null) {
				row = next++;
				rowById.put(change.getKey(), row);
			}
			write(row, change.getValue());
		}
		return publish();
	}

	private void write(int row, Traits member) {
		ids[row] = member.id();
		encode(Trait.TIER, row, member.tierCode());
		encode(Trait.PROVINCE, row, member.province());
		encode(Trait.CITY, row, member.city());
		encode(Trait.BIRTH_DATE, row, member.birthDate());
		encode(Trait.GENDER, row, member.gender());
		encode(Trait.JOINED, row, member.joinedAt() == null ? null : calendar.dayOf(member.joinedAt()));
		encode(Trait.JOIN_CHANNEL, row, member.joinChannel());
		encode(Trait.CHANNELS, row, member.channels());
		encode(Trait.TAGS, row, member.tags());
		encode(Trait.CONSENT, row, member.consent());
	}

	private void encode(Trait trait, int row, Object value) {
		int t = trait.ordinal();
		if (value == null) {
			codes[t][row] = TraitColumns.NONE;
			return;
		}
		List<Object> values = valuesByTrait.get(t);
		codes[t][row] = codeByValue.get(t).computeIfAbsent(value, v -> {
			values.add(v);
			return values.size() - 1;
		});
	}

	private TraitColumns publish() {
		Object[][] values = new Object[TRAITS.length][];
		for (int t = 0; t < TRAITS.length; t++) {
			values[t] = valuesByTrait.get(t).toArray();
		}
		return new TraitColumns(ids, codes.clone(), values);
	}

}
