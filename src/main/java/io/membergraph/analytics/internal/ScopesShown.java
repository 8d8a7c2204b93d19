package io.membergraph.analytics.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.membergraph.analytics.AnalysisScope;
import io.membergraph.commerce.MemberPurchases.PaidOrder;
import io.membergraph.commerce.Order;
import io.membergraph.customer.CustomerHistory;
import io.membergraph.customer.LoyaltyFacts;
import io.membergraph.security.Caller;
import io.membergraph.security.ShownGroups;
import io.membergraph.security.ShownMemories;
import io.membergraph.shared.Channel;
import io.membergraph.shared.ForbiddenFieldException;
import io.membergraph.shared.Money;
import org.springframework.stereotype.Component;

/**
 * The scopes a caller shown aggregates only (MARKETER) was answered on, so that two are not both answered when their
 * members and orders differ by those of a group too small to show: the answers set against each other (a province
 * against its members who joined online, the end of March against 9 March) would describe those few members, whom
 * no single answer shows. The later scope is refused, naming the earlier one (docs/analytics.md).
 */
@Component
public class ScopesShown {

	private final Caller caller;

	private final int minGroupSize;

	private final ShownMemories memories;

	private final ShownGroups shown;

	/** The scopes' members alone, set against the caller's segment previews: each tells how many a set holds. */
	private final ShownGroups memberSets;

	/**
	 * Answers on other records than members and orders, kept apart by analysis: each rests on records of its own, so
	 * two analyses' answers are no sides of one difference.
	 */
	private final Map<String, ShownGroups> shownByAnalysis = new ConcurrentHashMap<>();

	/** @param memberSets the member sets the caller was shown lately, segment previews among them */
	ScopesShown(Caller caller, ShownMemories memories, ShownGroups memberSets) {
		this.caller = caller;
		this.memories = memories;
		this.minGroupSize = memories.minGroupSize();
		this.shown = memories.of("analysis scopes");
		this.memberSets = memberSets;
	}

	/** Whether the caller's answers are set against each other here: what they rest on is needed only then. */
	public boolean guardsCaller() {
		return caller.seesOnlyAggregates();
	}

	/** Takes the records of another kind an answer rests on, each of its owner (a member, or a visitor). */
	@FunctionalInterface
	public interface Records {

		/**
		 * @param identity what tells the record from its owner's others (when, what, where)
		 * @param state what of it can change later (zero for records that do not change)
		 */
		void add(String owner, long identity, long state);

		/** What tells an order from its member's others: the view keeps no order id, so its time, amount and channel. */
		static long identityOf(PaidOrder order) {
			return identityOf(order.placedAt(), order.paidAmount(), order.channel());
		}

		/** The same for an order as the order view gives it (one not paid has no amount). */
		static long identityOf(Order order) {
			return identityOf(order.placedAt(), order.paidAmount(), order.channel());
		}

		private static long identityOf(Instant placedAt, Money paid, Channel channel) {
			return placedAt.toEpochMilli() * 1_000_003L + (paid == null ? 0 : paid.minorUnits() * 7)
					+ (channel == null ? 0 : channel.ordinal());
		}

		/** A points movement of its member: when and which way, its points as given. */
		default void add(LoyaltyFacts.Movement movement) {
			add(movement.memberId(), movement.occurredAt().toEpochMilli() * 8 + movement.flow().ordinal(),
					movement.points());
		}

	}

	/**
	 * Refuses an analysis whose records of another kind (points movements, interactions) differ from those an earlier
	 * answer of the same analysis rested on by those of 1 to 4 owners: the same day's points or visits of a few
	 * people, told by setting two days against each other. Each analysis is remembered apart, as its records are its
	 * own, and by the first day it reads as well as its scope, so that asking from another day in between puts no
	 * other answer in the place of the first. Let through when the scope admits fewer members than a group shown.
	 *
	 * @param analysis the analysis (points flows, funnel, ...)
	 * @param from the first day the analysis reads, or null when its scope says it
	 * @param members how many members the scope admits
	 * @param records hands the answer's records to the sink given
	 */
	public void refuseDifferingByAFew(AnalysisScope scope, String analysis, LocalDate from, int members,
			Consumer<Records> records) {
		refuseDifferingByAFew(scope, analysis, from == null ? null : "from " + from, members, records);
	}

	/**
	 * The same, for an analysis asked more than its scope and first day: what else it was asked (its windows) is part of
	 * the question, so two answers asked with other windows are set against each other.
	 *
	 * @param asked what the analysis was asked beyond its scope ("from 2026-01-01, 90 days"), or null for nothing
	 */
	public void refuseDifferingByAFew(AnalysisScope scope, String analysis, String asked, int members,
			Consumer<Records> records) {
		if (!caller.seesOnlyAggregates() || members < minGroupSize) {
			return;
		}
		ShownGroups.Sketch sketch = new ShownGroups.Sketch();
		records.accept((owner, identity, state) -> {
			// A record of nobody known (an anonymous visit) describes no one.
			if (owner != null) {
				sketch.record(ShownGroups.Sketch.owner(owner), identity, state);
			}
		});
		ShownGroups analysisShown = shownByAnalysis.computeIfAbsent(analysis, memories::of);
		remembering(() -> analysisShown.differingQuestion(caller.name(),
				scope.question() + (asked == null ? "" : ", " + asked), sketch))
			.ifPresent(earlier -> refuse(analysis + " of " + earlier));
	}

	/** The earlier question the guard names, with a memory full refused as a scope too many. */
	private static Optional<String> remembering(Supplier<Optional<String>> guard) {
		try {
			return guard.get();
		}
		catch (ShownGroups.MemoryFull full) {
			throw new ForbiddenFieldException("scope", "is one scope too many: you were shown " + full.capacity()
					+ " distinct scopes lately, as many as are remembered to keep two of them from being set against each "
					+ "other (membergraph.privacy.remembered-per-caller); ask one of those again, or a new one after "
					+ full.freeAt());
		}
	}

	/** @param earlier the earlier scope, or empty for a segment preview */
	private void refuse(String earlier) {
		throw new ForbiddenFieldException("scope", "differs by fewer than " + minGroupSize + " members from "
				+ (earlier.isEmpty() ? "a segment preview" : "a scope") + " you were shown recently"
				+ (earlier.isEmpty() ? "" : " (" + earlier + ")") + ", so the two answers set against each other would "
				+ "describe those few members; choose filters or days that differ from it by more");
	}

	/**
	 * Refuses a scope whose members, and their orders that count in its window, differ from those of another scope
	 * the caller was shown by those of 1 to 4 members, or whose members alone differ so from a segment preview's (a
	 * preview's count and an analysis's member count tell the same). A scope of 1 to 4 members is let through: the
	 * small-group rule withholds its figures, so it is no side of a difference either.
	 */
	public void refuseDifferingByAFew(AnalysisScope scope, List<CustomerHistory> admitted) {
		if (!caller.seesOnlyAggregates()) {
			return;
		}
		ShownGroups.Sketch records = new ShownGroups.Sketch();
		ShownGroups.Sketch membersAlone = new ShownGroups.Sketch();
		Instant end = scope.end();
		int members = 0;
		for (CustomerHistory member : admitted) {
			if (member.joinedAt() != null && !member.joinedAt().isBefore(end)) {
				continue;
			}
			members++;
			long owner = records.member(member.memberId());
			membersAlone.member(owner);
			recordOrders(records, owner, member, scope);
		}
		if (members < minGroupSize) {
			return;
		}
		remembering(() -> memberSets.differingQuestion(caller.name(), scope.question(), membersAlone))
			.ifPresent(this::refuse);
		remembering(() -> shown.differingQuestion(caller.name(), scope.question(), records)).ifPresent(this::refuse);
	}

	/** Adds the member's orders that count in the scope's window, each with what was refunded of it by then. */
	private static void recordOrders(ShownGroups.Sketch records, long owner, CustomerHistory member,
			AnalysisScope scope) {
		Instant end = scope.end();
		for (PaidOrder order : member.ordersCounting(scope)) {
			records.record(owner, Records.identityOf(order),
					order.refunds().isEmpty() ? 0 : order.refundedBefore(end).minorUnits());
		}
	}

	/**
	 * The records of one period a report shows (a row's figures, or those it is compared with): which period, its
	 * stretch of time, how many members bought in it, and their records in it, without the members alone: the records
	 * of the periods of one group add up to those of their days together.
	 *
	 * @param group the group of a report by one ("WEB"), or empty
	 * @param first the period's first day, or the first day the report reads of it
	 * @param last its last day, or the as-of day
	 * @param customers the members the period's figures describe: with fewer than a group shown they are withheld
	 */
	public record PeriodShown(String group, LocalDate first, LocalDate last, Instant from, Instant to, int customers,
			ShownGroups.Sketch records) {

		/** The period in words, with its group ("WEB, 2026-11-30 to 2026-12-06"). */
		String what() {
			return (group.isEmpty() ? "" : group + ", ") + first + " to " + last;
		}

	}

	/**
	 * Refuses a report by period whose periods differ from periods the caller was shown (in this answer or an earlier
	 * one) by those of 1 to 4 members: the week from 30 November against December to date is 30 November, a day's
	 * orders in Beijing's time against the same day in UTC's are a few hours of orders, a month to its 29th against
	 * the whole month is its 30th. Both answers rest on the same scope, so the scope's guard lets them through. Each
	 * period shown is remembered by the scope on any day and the period, with the stretch of time it covers; it is
	 * set against the periods whose stretch meets its own, each once and not against itself. A period of 1 to 4
	 * members, withheld, is neither. Nothing is remembered of an answer refused.
	 */
	public void refusePeriodsDifferingByAFew(AnalysisScope scope, String analysis, List<PeriodShown> periods) {
		if (!caller.seesOnlyAggregates()) {
			return;
		}
		String family = analysis + " of " + scope.questionOnAnyDay() + ", ";
		List<ShownGroups.Asked> asked = periods.stream()
			.filter(period -> period.customers() >= minGroupSize)
			.map(period -> new ShownGroups.Asked(family + period.what(),
					new ShownGroups.Span(family + period.group(), period.from(), period.to()), period.records()))
			.toList();
		if (asked.isEmpty()) {
			return;
		}
		ShownGroups periodsShown = shownByAnalysis.computeIfAbsent(analysis + " periods", memories::of);
		Optional<ShownGroups.Clash> differing;
		try {
			differing = periodsShown.differingQuestions(caller.name(), asked);
		}
		catch (ShownGroups.MemoryFull full) {
			// An answer with more periods than are remembered at all never fits: no time to wait for is worth naming.
			throw new ForbiddenFieldException("period", "shows " + asked.size() + " periods, which "
					+ (asked.size() > full.capacity() ? "are" : "with those you were shown lately are") + " more than the "
					+ full.capacity() + " remembered to keep two of them from being set against each other "
					+ "(membergraph.privacy.remembered-per-caller); ask fewer (fewer days, or no dimension)"
					+ (asked.size() > full.capacity() ? ""
							: ", periods you were shown again, or more after " + full.freeAt()));
		}
		differing.ifPresent(clash -> {
			throw new ForbiddenFieldException("period", "shows " + clash.question().substring(family.length())
					+ ", whose records differ by those of fewer than " + minGroupSize + " members from periods you "
					+ "were shown recently (" + clash.earlier() + "), so the two set against each other would describe "
					+ "those few members; choose periods that leave more members between them and those (whole "
					+ "periods of the same length, in the same time zone), or ask those periods again");
		});
	}

	/**
	 * Refuses an analysis that cuts its scope's members into groups by thresholds the caller chose (value types, RFM
	 * segments, clusters), when a group it would show differs from a group of an earlier answer by those of 1
	 * to 4 members: cut at an AOV of 600.00 and of 610.00, the high-value groups differ by the members whose AOV lies
	 * between, and their spend by those members' whole spend. The scope is the same, so the scope's own guard lets
	 * both through. Each group is remembered as a question of its own, named by the scope, the cut and the group, with
	 * its members and their orders: asked again as it was, it replaces its earlier answer; cut otherwise, or on another
	 * day, it is set against every group remembered. A group of 1 to 4 members, whose figures are withheld, is neither
	 * set against others nor remembered.
	 *
	 * @param cut what the groups were cut by, as asked ("AOV 600.00, frequency mean")
	 * @param groups each group's members, by the group's name: worked out only for a caller this guards
	 */
	public void refuseGroupsDifferingByAFew(AnalysisScope scope, String analysis, String cut,
			Supplier<Map<String, List<CustomerHistory>>> groups) {
		if (!caller.seesOnlyAggregates()) {
			return;
		}
		ShownGroups groupsShown = shownByAnalysis.computeIfAbsent(analysis + " groups", memories::of);
		groups.get().forEach((name, members) -> {
			if (members.size() < minGroupSize) {
				return;
			}
			ShownGroups.Sketch records = new ShownGroups.Sketch();
			for (CustomerHistory member : members) {
				recordOrders(records, records.member(member.memberId()), member, scope);
			}
			String question = scope.question() + ", " + cut + ", " + name;
			remembering(() -> groupsShown.differingQuestion(caller.name(), question, records)).ifPresent(earlier -> {
				throw new ForbiddenFieldException("input", "cuts the members into groups of which " + name + " differs by "
						+ "fewer than " + minGroupSize + " members from a group you were shown recently (" + analysis
						+ " of " + earlier + "), so the two answers set against each other would describe those few "
						+ "members; choose thresholds further from those, or ask that cut again");
			});
		});
	}

}
