package io.membergraph.seed.internal;

import java.util.ArrayList;
import java.util.List;

import io.membergraph.commerce.Order;
import io.membergraph.engagement.Interaction;
import io.membergraph.member.Member;

/** Collects rows and hands them to the sink a batch at a time. */
public final class DemoBatches {

	private final DemoDataSink sink;

	private final int batchSize;

	private final List<Member> members = new ArrayList<>();

	private final List<Order> orders = new ArrayList<>();

	private final List<Interaction> interactions = new ArrayList<>();

	DemoBatches(DemoDataSink sink, int batchSize) {
		this.sink = sink;
		this.batchSize = batchSize;
	}

	void member(Member member) {
		members.add(member);
		if (members.size() == batchSize) {
			sink.members(List.copyOf(members));
			members.clear();
		}
	}

	void order(Order order) {
		orders.add(order);
		if (orders.size() == batchSize) {
			sink.orders(List.copyOf(orders));
			orders.clear();
		}
	}

	void interaction(Interaction interaction) {
		interactions.add(interaction);
		if (interactions.size() == batchSize) {
			sink.interactions(List.copyOf(interactions));
			interactions.clear();
		}
	}

	void flush() {
		if (!members.isEmpty()) {
			sink.members(List.copyOf(members));
		}
		if (!orders.isEmpty()) {
			sink.orders(List.copyOf(orders));
		}
		if (!interactions.isEmpty()) {
			sink.interactions(List.copyOf(interactions));
		}
		members.clear();
		orders.clear();
		interactions.clear();
	}

}
