package io.membergraph.seed.internal;

import java.util.List;

import io.membergraph.commerce.Order;
import io.membergraph.engagement.Interaction;
import io.membergraph.member.Member;

/** Where generated demo data goes, a batch at a time, so that large data sets never sit in memory whole. */
public interface DemoDataSink {

	void members(List<Member> members);

	void orders(List<Order> orders);

	void interactions(List<Interaction> interactions);

	/** The campaigns launched in the history, once every member they reached is generated. */
	void campaignsLaunched(List<DemoLaunches.Launch> launches);

}
