package io.membergraph.analytics.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.membergraph.analytics.AnalysisScope;
import io.membergraph.commerce.MemberPurchases.PaidOrder;
import io.membergraph.customer.CustomerHistory;
import io.membergraph.security.Caller;
import io.membergraph.security.ShownGroups;
import io.membergraph.shared.DurationSetting;
import io.membergraph.shared.ForbiddenFieldException;
import org.springframework.beans.factory.annotation.Value;
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

	private final ShownGroups shown;

	/**
	 * @param minGroupSize the fewest members whose figures are shown to a caller shown aggregates only
	 * @param memory how long the scopes such a caller was shown are remembered
	 */
	ScopesShown(Caller caller, Clock clock, @Value("${membergraph.privacy.min-group-size:5}") int minGroupSize,
			@Value("${membergraph.privacy.preview-memory:PT24H}") Duration memory) {
		this.caller = caller;
		this.minGroupSize = minGroupSize;
		this.shown = new ShownGroups(minGroupSize, DurationSetting.within("membergraph.privacy.preview-memory", memory,
				Duration.ofHours(1), Duration.ofDays(366)), clock);
	}

	/**
	 * Refuses a scope whose members, and their orders that count in its window, differ from those of another scope
	 * the caller was shown by those of 1 to 4 members. A scope of 1 to 4 members is let through: the small-group rule
	 * withholds its figures, so it is no side of a difference either.
	 */
	public void refuseDifferingByAFew(AnalysisScope scope, List<CustomerHistory> admitted) {
		if (!caller.seesOnlyAggregates()) {
			return;
		}
		ShownGroups.Sketch records = new ShownGroups.Sketch();
		Instant end = scope.end();
		int members = 0;
		for (CustomerHistory member : admitted) {
			if (member.joinedAt() != null && !member.joinedAt().isBefore(end)) {
				continue;
			}
			members++;
			long owner = records.member(member.memberId());
			for (PaidOrder order : member.ordersCounting(scope)) {
				// The view keeps no order id: the time, amount and channel tell a member's orders apart.
				long identity = order.placedAt().toEpochMilli() * 1_000_003L + order.paidAmount().minorUnits() * 7
						+ (order.channel() == null ? 0 : order.channel().ordinal());
				records.record(owner, identity,
						order.refunds().isEmpty() ? 0 : order.refundedBefore(end).minorUnits());
			}
		}
		if (members < minGroupSize) {
			return;
		}
		shown.differingQuestion(caller.name(), scope.question(), records).ifPresent(earlier -> {
			throw new ForbiddenFieldException("scope", "differs by fewer than " + minGroupSize + " members from a scope "
					+ "you were shown recently (" + earlier + "), so the two answers set against each other would describe "
					+ "those few members; choose filters or days that differ from it by more");
		});
	}

}
