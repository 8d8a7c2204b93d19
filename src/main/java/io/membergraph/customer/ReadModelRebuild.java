package io.membergraph.customer;

import java.util.List;

import io.membergraph.commerce.OrderReadModels;
import io.membergraph.commerce.PurchaseRollups;
import io.membergraph.engagement.InteractionRollups;
import io.membergraph.loyalty.PointsReadModels;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Checks, and on request rebuilds, every read model maintained at write time — member stats
 * and monthly purchase and product rollups from the orders, monthly interaction counts from the
 * interactions, points balances and totals from the ledger — so drift after an import, a crash or a bug is
 * found and mended with one command.
 */
@Service
public class ReadModelRebuild {

	private final OrderReadModels orders;

	private final PurchaseRollups purchases;

	private final InteractionRollups interactions;

	private final PointsReadModels points;

	ReadModelRebuild(OrderReadModels orders, PurchaseRollups purchases, InteractionRollups interactions,
			PointsReadModels points) {
		this.orders = orders;
		this.purchases = purchases;
		this.interactions = interactions;
		this.points = points;
	}

	/**
	 * Member ids by read model where the maintained state differed from its source, and stored values beyond the
	 * bounds the API enforces (reported, not repaired).
	 */
	public record Report(boolean repaired, int members, List<String> memberStats, List<String> memberPurchases, List<String> interactionMonths, List<String> pointsTotals,
			List<String> pointsLots, List<String> outOfBounds) {

		public boolean consistent() {
			return memberStats.isEmpty() && memberPurchases.isEmpty()
					&& interactionMonths.isEmpty() && pointsTotals.isEmpty() && pointsLots.isEmpty() && outOfBounds.isEmpty();
		}

	}

	@PreAuthorize("hasRole('ADMIN')")
	public Report rebuild(boolean repair) {
		OrderReadModels.Differences fromOrders = orders.check(repair);
		List<String> purchaseRollups = purchases.check(repair);
		List<String> interactionMonths = interactions.check(repair);
		PointsReadModels.Differences fromLedger = points.check(repair);
		return new Report(repair, fromOrders.members(), fromOrders.stats(), purchaseRollups,
				interactionMonths, fromLedger.totals(), fromLedger.lots(), fromOrders.outOfBounds());
	}

}
