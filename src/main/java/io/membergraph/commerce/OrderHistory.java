package io.membergraph.commerce;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.membergraph.shared.Channel;
import io.membergraph.shared.Connection;
import io.membergraph.shared.Cursor;
import io.membergraph.shared.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** Reads orders: one by its channel and number, or each member's orders newest first. */
@Service
public class OrderHistory {

	private final MongoTemplate mongo;

	OrderHistory(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','SUPPORT','STOREFRONT')")
	public Order find(Channel channel, String orderNumber) {
		return mongo.findById(Order.idOf(channel, OrderRules.reference("orderNumber", orderNumber)), Order.class);
	}

	/** A page of one member's orders; the caller was already allowed to read that member. */
	record MemberOrdersPage(String memberId, PageRequest page) {
	}

	/**
	 * The requested page of orders for many members with one query, so listing a page of members with their
	 * orders costs one read of orders, not one per member.
	 */
	Map<MemberOrdersPage, Connection<Order>> pagesFor(Set<MemberOrdersPage> requests) {
		Set<String> memberIds = requests.stream().map(MemberOrdersPage::memberId).collect(Collectors.toSet());
		Map<String, List<Order>> byMember = ordersOf(memberIds);
		Map<MemberOrdersPage, Connection<Order>> pages = new HashMap<>();
		for (MemberOrdersPage request : requests) {
			List<Order> newestFirst = byMember.getOrDefault(request.memberId(), List.of());
			pages.put(request, Connection.of(after(newestFirst, request.page()), request.page(), OrderHistory::cursorOf));
		}
		return pages;
	}

	private Map<String, List<Order>> ordersOf(Collection<String> memberIds) {
		Query query = Query.query(Criteria.where("memberId").in(memberIds))
			.with(Sort.by(Sort.Order.desc("placedAt"), Sort.Order.desc("_id")));
		return mongo.find(query, Order.class).stream().collect(Collectors.groupingBy(Order::memberId));
	}

	private static List<Order> after(List<Order> newestFirst, PageRequest page) {
		List<Order> rest = new ArrayList<>();
		for (Order order : newestFirst) {
			if (page.after() == null || isAfter(order, page.after())) {
				rest.add(order);
				if (rest.size() == page.fetchSize()) {
					break;
				}
			}
		}
		return rest;
	}

	/** Whether the order comes after the cursor in newest-first order. */
	private static boolean isAfter(Order order, Cursor cursor) {
		Instant placedAt = cursor.timeKey(0);
		int byTime = order.placedAt().compareTo(placedAt);
		return byTime < 0 || (byTime == 0 && order.id().compareTo(cursor.key(1)) < 0);
	}

	private static String cursorOf(Order order) {
		return Cursor.of(order.placedAt(), order.id()).encode();
	}

}
