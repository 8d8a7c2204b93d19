package io.membergraph.commerce;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.membergraph.commerce.internal.OrderRules;
import io.membergraph.shared.Channel;
import io.membergraph.shared.Connection;
import io.membergraph.shared.Cursor;
import io.membergraph.shared.PageRequest;
import org.bson.Document;
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
	 * The requested page of orders for many members from two reads: the members' orders by id and placing time
	 * only (by the orders' member index on MongoDB, by the embedded store's member lookup there), then the orders on
	 * the pages by {@code _id}. Listing a page of members with their orders costs the same whatever the number of
	 * orders in the store.
	 */
	public Map<MemberOrdersPage, Connection<Order>> pagesFor(Set<MemberOrdersPage> requests) {
		Set<String> memberIds = requests.stream().map(MemberOrdersPage::memberId).collect(Collectors.toSet());
		Query ofMembers = Query.query(Criteria.where("memberId").in(memberIds));
		ofMembers.fields().include("memberId", "placedAt");
		Map<String, List<Listed>> listed = mongo.find(ofMembers, Document.class, mongo.getCollectionName(Order.class))
			.stream()
			.map(Listed::of)
			.collect(Collectors.groupingBy(Listed::memberId));
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

	/** One of a member's orders as the page needs it: which, and when placed. */
	private record Listed(String orderId, String memberId, Instant placedAt) {

		static Listed of(Document order) {
			return new Listed(order.getString("_id"), order.getString("memberId"), order.getDate("placedAt").toInstant());
		}

	}

	/** The ids on the requested page, newest first, one more than the page size when there are more. */
	private static List<String> page(List<Listed> orders, PageRequest page) {
		return orders.stream()
			.sorted(NEWEST_FIRST)
			.filter(order -> page.after() == null || page.after().precedesNewestFirst(order.placedAt(), order.orderId()))
			.limit(page.fetchSize())
			.map(Listed::orderId)
			.toList();
	}

	private static final Comparator<Listed> NEWEST_FIRST = Comparator.comparing(Listed::placedAt)
		.thenComparing(Listed::orderId)
		.reversed();

	private static String cursorOf(Order order) {
		return Cursor.of(order.placedAt(), order.id()).encode();
	}

}
