package io.membergraph.commerce;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.membergraph.commerce.internal.MemberOrderList;
import io.membergraph.commerce.internal.OrderRules;
import io.membergraph.shared.Channel;
import io.membergraph.shared.Connection;
import io.membergraph.shared.Cursor;
import io.membergraph.shared.PageRequest;
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

	/**
	 * Whether the caller may list this member's orders: the roles that may read an order by its number, and the
	 * member itself. The same rule on every path to an order, so a role refused {@code order()} cannot read the
	 * same orders through a member.
	 */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','SUPPORT','STOREFRONT') or @caller.isMember(#memberId)")
	public void checkMayList(String memberId) {
		// The rule is the annotation.
	}

	/** A page of one member's orders; the caller was already allowed to read that member. */
	public record MemberOrdersPage(String memberId, PageRequest page) {
	}

	/**
	 * The requested page of orders for many members from two {@code _id} reads: their order lists, then the
	 * orders on the pages. Listing a page of members with their orders costs the same whatever the number of
	 * orders in the store.
	 */
	public Map<MemberOrdersPage, Connection<Order>> pagesFor(Set<MemberOrdersPage> requests) {
		Set<String> memberIds = requests.stream().map(MemberOrdersPage::memberId).collect(Collectors.toSet());
		Map<String, List<MemberOrderList.Entry>> listed = mongo
			.find(Query.query(Criteria.where("_id").in(memberIds)), MemberOrderList.class)
			.stream()
			.collect(Collectors.toMap(MemberOrderList::memberId, MemberOrderList::orders));
		Map<MemberOrdersPage, List<String>> pageIds = new HashMap<>();
		for (MemberOrdersPage request : requests) {
			pageIds.put(request, page(listed.getOrDefault(request.memberId(), List.of()), request.page()));
		}
		Set<String> orderIds = pageIds.values().stream().flatMap(List::stream).collect(Collectors.toSet());
		Map<String, Order> orders = mongo.find(Query.query(Criteria.where("_id").in(orderIds)), Order.class)
			.stream()
			.collect(Collectors.toMap(Order::id, Function.identity()));
		Map<MemberOrdersPage, Connection<Order>> pages = new HashMap<>();
		pageIds.forEach((request, ids) -> pages.put(request, Connection.of(
				ids.stream().map(orders::get).filter(Objects::nonNull).toList(), request.page(), OrderHistory::cursorOf)));
		return pages;
	}

	/** The ids on the requested page, newest first, one more than the page size when there are more. */
	private static List<String> page(List<MemberOrderList.Entry> entries, PageRequest page) {
		return entries.stream()
			.sorted(NEWEST_FIRST)
			.filter(entry -> page.after() == null || page.after().precedesNewestFirst(entry.placedAt(), entry.orderId()))
			.limit(page.fetchSize())
			.map(MemberOrderList.Entry::orderId)
			.toList();
	}

	private static final Comparator<MemberOrderList.Entry> NEWEST_FIRST = Comparator
		.comparing(MemberOrderList.Entry::placedAt)
		.thenComparing(MemberOrderList.Entry::orderId)
		.reversed();

	private static String cursorOf(Order order) {
		return Cursor.of(order.placedAt(), order.id()).encode();
	}

}
