package io.membergraph.loyalty;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.membergraph.commerce.Order;
import io.membergraph.loyalty.internal.AccountChange;
import io.membergraph.loyalty.internal.EarnRules;
import io.membergraph.loyalty.internal.LoyaltyReplay;
import io.membergraph.loyalty.internal.TierQualification;
import io.membergraph.loyalty.internal.TierStatus;
import io.membergraph.member.Member;
import io.membergraph.shared.BusinessCalendar;
import org.springframework.context.ApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;

/** A member's history replayed in bulk ({@link LoyaltyReplay}), checked against what the live path left. */
public final class ReplayedAsLive {

	private ReplayedAsLive() {
	}

	/** The member's history replayed as of {@code asOf}, asserted to leave what the live path left. */
	public static LoyaltyReplay.Result replayed(ApplicationContext context, String member, Instant asOf) {
		MongoTemplate mongo = context.getBean(MongoTemplate.class);
		List<Order> orders = mongo.find(Query.query(Criteria.where("memberId").is(member)), Order.class);
		PointsAccount live = mongo.findById(member, PointsAccount.class);
		TierStatus liveTier = mongo.findById(member, TierStatus.class);
		Map<String, Long> liveEntries = mongo.find(Query.query(Criteria.where("memberId").is(member)), PointsEntry.class)
			.stream().collect(Collectors.toMap(PointsEntry::id, PointsEntry::points));

		BusinessCalendar calendar = context.getBean(BusinessCalendar.class);
		LoyaltyReplay replay = new LoyaltyReplay(context.getBean(EarnRules.class).calculator(),
				context.getBean(TierQualification.class).rules(), context.getBean(AccountChange.class), calendar.zone());
		Instant joinedAt = mongo.findById(member, Member.class).joinedAt();
		LoyaltyReplay.Result replayed = replay.replay(member, joinedAt, orders, List.of(), asOf);

		assertThat(replayed.entries().stream().collect(Collectors.toMap(PointsEntry::id, PointsEntry::points)))
			.isEqualTo(liveEntries);
		assertThat(replayed.account().balance()).isEqualTo(live.balance());
		assertThat(replayed.account().lifetimeEarned()).isEqualTo(live.lifetimeEarned());
		assertThat(replayed.account().lifetimeReversed()).isEqualTo(live.lifetimeReversed());
		assertThat(replayed.account().lots()).isEqualTo(live.lots());
		assertThat(replayed.account().qualifying()).isEqualTo(live.qualifying());
		assertThat(replayed.tier().tierCode()).isEqualTo(liveTier.tierCode());
		return replayed;
	}

}
