package io.membergraph.commerce.internal;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Every order of one member, by id and placement time, in one document keyed by the member id. Reading a
 * member's latest orders is then two {@code _id} lookups, on any store and however many orders there are.
 */
@Document("member_orders")
public record MemberOrderList(@Id String memberId, List<Entry> orders) {

	public record Entry(String orderId, Instant placedAt) {
	}

}
