package io.membergraph.prediction;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import io.membergraph.analytics.AnalysisScope;
import io.membergraph.analytics.ScopedHistories;
import io.membergraph.commerce.MemberPurchases.Item;
import io.membergraph.commerce.MemberPurchases.PaidOrder;
import io.membergraph.customer.CustomerHistory;
import io.membergraph.customer.HistoryWindow;
import io.membergraph.prediction.internal.Clustering;
import io.membergraph.shared.InvalidInputException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Groups the members who have bought by how they buy, with k-means (k-means++ starts; Hipparchus) on standardised
 * features: log spend, purchase days, days since the last purchase, log average order value and the share of their
 * items in each category. k is given, or chosen by the silhouette. Profiles say what each group looks like.
 */
@Service
public class MemberClusters {

	static final int MAX_K = 10;

	private final ScopedHistories scoped;

	MemberClusters(ScopedHistories scoped) {
		this.scoped = scoped;
	}

	/**
	 * Clusters of the members an analysis scope admits, on their orders that count in it (its store, its look-back
	 * window, up to its as-of day), recency measured from that day.
	 */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','MARKETER')")
	public Clustering.Result clusters(Integer k, AnalysisScope scope) {
		if (k != null && (k < 2 || k > MAX_K)) {
			throw new InvalidInputException("k", "must be between 2 and " + MAX_K + ", or left out to choose by silhouette");
		}
		List<CustomerHistory> admitted = scoped.in(scope);
		Clustering.Result clustering = cluster(k, admitted, scope).in(scope);
		// Clusters of two scopes a few members apart, or cut into another k, may differ by a member or two.
		scoped.refuseGroupsDifferingByAFew(scope, "clusters", k == null ? "k chosen" : "k " + k, () -> {
			Map<String, CustomerHistory> byId = new java.util.HashMap<>();
			admitted.forEach(member -> byId.put(member.memberId(), member));
			Map<String, List<CustomerHistory>> groups = new TreeMap<>();
			for (int i = 0; i < clustering.members().size(); i++) {
				groups.put("cluster " + (i + 1), clustering.members().get(i).stream().map(byId::get).toList());
			}
			return groups;
		});
		return clustering;
	}

	private Clustering.Result cluster(Integer k, List<CustomerHistory> histories, HistoryWindow window) {
		Instant end = window.end();
		TreeSet<String> categories = new TreeSet<>();
		List<Clustering.Buyer> buyers = new ArrayList<>();
		for (CustomerHistory customer : histories) {
			long spend = 0;
			int orders = 0;
			TreeSet<LocalDate> days = new TreeSet<>();
			Map<String, Integer> items = new TreeMap<>();
			for (PaidOrder order : customer.ordersCounting(window)) {
				spend += order.paidAmount().minus(order.refundedBefore(end)).minorUnits();
				orders++;
				days.add(window.dayOf(order.placedAt()));
				for (Item item : order.items()) {
					if (item.category() != null) {
						items.merge(item.category(), 1, Integer::sum);
						categories.add(item.category());
					}
				}
			}
			if (orders > 0) {
				buyers.add(new Clustering.Buyer(customer.memberId(), spend / 100.0, days.size(),
						ChronoUnit.DAYS.between(days.last(), window.asOf()), spend / 100.0 / orders, items));
			}
		}
		// Ten buyers per cluster at least (of the largest k tried), or the clusters describe individuals.
		int needed = 10 * (k == null ? Clustering.MAX_K_TRIED : k);
		if (buyers.size() < needed) {
			throw new InvalidInputException("k", "only " + buyers.size() + " members have bought; " + (k == null ? "choosing k"
					: k + " clusters") + " needs at least " + needed);
		}
		return Clustering.run(buyers, List.copyOf(categories), k);
	}

}
