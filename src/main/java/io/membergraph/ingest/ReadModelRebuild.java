package io.membergraph.ingest;

import java.util.List;

import io.membergraph.commerce.OrderReadModels;
import io.membergraph.loyalty.PointsReadModels;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Checks, and on request rebuilds, every read model maintained at write time — member stats and order
 * lists from the orders, points balances and totals from the ledger — so drift after an import, a crash or
 * a bug is found and mended with one command.
 */
@Service
public class ReadModelRebuild {

	private final OrderReadModels orders;

	private final PointsReadModels points;

	ReadModelRebuild(OrderReadModels orders, PointsReadModels points) {
		this.orders = orders;
		this.points = points;
	}

	/** Member ids by read model where the maintained state differed from its source. */
	public record Report(boolean repaired, int members, List<String> memberStats, List<String> memberOrderLists,
			List<String> pointsTotals, List<String> pointsLots) {

		public boolean consistent() {
			return memberStats.isEmpty() && memberOrderLists.isEmpty() && pointsTotals.isEmpty() && pointsLots.isEmpty();
		}

	}

	@PreAuthorize("hasRole('ADMIN')")
	public Report rebuild(boolean repair) {
		OrderReadModels.Differences fromOrders = orders.check(repair);
		PointsReadModels.Differences fromLedger = points.check(repair);
		return new Report(repair, fromOrders.members(), fromOrders.stats(), fromOrders.orderLists(), fromLedger.totals(),
				fromLedger.lots());
	}

}
