package io.membergraph.segment;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.membergraph.security.Caller;
import io.membergraph.security.ShownGroups;
import io.membergraph.segment.internal.Condition;
import io.membergraph.segment.internal.SegmentField;
import io.membergraph.segment.internal.SegmentPopulation;
import io.membergraph.segment.internal.SegmentQueryParser;
import io.membergraph.shared.BusinessCalendar;
import io.membergraph.shared.ForbiddenFieldException;
import io.membergraph.shared.InvalidInputException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** Shows what a segment query selects before anyone saves it. */
@Service
public class SegmentPreviews {

	static final int MAX_SAMPLE = 100;

	private final SegmentPopulation population;

	private final BusinessCalendar calendar;

	private final Clock clock;

	private final Caller caller;

	private final int minGroupSize;

	private final ShownGroups differences;

	/**
	 * @param minGroupSize the fewest members a count shown to a role without full member access may rest on: fewer
	 * (but some) and the count and sample are withheld, so a preview cannot single one person out
	 * @param memberSets the member sets the caller was shown lately (previews and analysis scopes), to withhold a
	 * preview that differs from one of them by such a small group
	 */
	SegmentPreviews(SegmentPopulation population, BusinessCalendar calendar, Clock clock, Caller caller,
			ShownGroups memberSets, @Value("${membergraph.privacy.min-group-size:5}") int minGroupSize) {
		this.minGroupSize = minGroupSize;
		// Without a memory two previews a few members apart could single those members out.
		this.differences = memberSets;
		this.caller = caller;
		this.population = population;
		this.calendar = calendar;
		this.clock = clock;
	}

	/**
	 * @param sampleIds the first members selected, by member id
	 * @param sources the read models the evaluation read
	 */
	public record Preview(String query, LocalDate evaluatedOn, Integer members, boolean suppressed, List<String> sampleIds,
			Condition condition, List<String> sources) {
	}

	/** The members the query selects today: how many, a sample, the compiled condition and what was read. */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','MARKETER')")
	public Preview preview(String query, int sample) {
		if (sample < 0 || sample > MAX_SAMPLE) {
			throw new InvalidInputException("sample", "must be between 0 and " + MAX_SAMPLE);
		}
		Condition condition = SegmentQueryParser.parse(query);
		if (!caller.readsAnyMember()) {
			refusePersonalFigures(condition);
		}
		LocalDate today = calendar.dayOf(clock.instant());
		List<String> sources = new ArrayList<>();
		if (caller.readsAnyMember()) {
			// Nothing to withhold: a count and the first few, without listing every member selected.
			SegmentPopulation.Counted counted = population.count(today, condition, sources, sample);
			return new Preview(query, today, counted.members(), false, counted.sample(), condition, sources);
		}
		List<String> selected = population.select(today, condition, sources);
		if (selected.size() > 0 && selected.size() < minGroupSize || !mayShow(selected)) {
			return new Preview(query, today, null, true, List.of(), condition, sources);
		}
		return new Preview(query, today, selected.size(), false,
				List.copyOf(selected.subList(0, Math.min(sample, selected.size()))), condition, sources);
	}

	/** Whether the selection differs from none of the caller's recent previews by a few members. */
	private boolean mayShow(List<String> selected) {
		try {
			return differences.mayShow(caller.name(), selected);
		}
		catch (ShownGroups.MemoryFull full) {
			throw new ForbiddenFieldException("query", "is one preview too many: you were shown " + full.capacity()
					+ " distinct previews lately, as many as are remembered to keep two of them from being set against "
					+ "each other (membergraph.privacy.remembered-per-caller); preview one of those again, or a new one "
					+ "after " + full.freeAt());
		}
	}

	/** The member fields the caller may put in a condition: all of them, or without personal figures for MARKETER. */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','MARKETER')")
	public List<SegmentField> fieldsForCaller() {
		boolean all = caller.readsAnyMember();
		return java.util.Arrays.stream(SegmentField.values()).filter(field -> all || !field.isPersonalFigure()).toList();
	}

	/** A caller may select members only on what it may read of each: behaviour and aggregates for MARKETER. */
	private static void refusePersonalFigures(Condition condition) {
		Condition.leavesOf(condition).map(Condition::fieldOf).filter(java.util.Objects::nonNull)
			.forEach(SegmentPreviews::refuse);
	}

	private static void refuse(SegmentField field) {
		if (field.isPersonalFigure()) {
			throw new ForbiddenFieldException(field.path(), "is a figure of one member your role may not read, so "
					+ "segments may not select on it (docs/segments.md, who may use which field)");
		}
	}

}
