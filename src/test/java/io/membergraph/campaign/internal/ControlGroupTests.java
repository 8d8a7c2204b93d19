package io.membergraph.campaign.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ControlGroupTests {

	private static final List<String> AUDIENCE = IntStream.range(0, 1_000).mapToObj(i -> "M" + i).toList();

	@Test
	void theSameCampaignAlwaysHoldsOutTheSameMembers() {
		ControlGroup first = ControlGroup.split("C-spring", AUDIENCE, 0.2);
		ControlGroup again = ControlGroup.split("C-spring", shuffled(), 0.2);

		assertThat(again).isEqualTo(first);
	}

	private static List<String> shuffled() {
		List<String> shuffled = new ArrayList<>(AUDIENCE);
		Collections.shuffle(shuffled);
		return shuffled;
	}

	@Test
	void theControlGroupHasTheConfiguredShareAndNoOneIsInBothGroups() {
		ControlGroup split = ControlGroup.split("C-spring", AUDIENCE, 0.2);

		assertThat(split.control()).hasSize(200);
		assertThat(split.treated()).hasSize(800);
		Set<String> all = new HashSet<>(split.control());
		all.addAll(split.treated());
		assertThat(all).hasSize(1_000);
	}

	@Test
	void anotherCampaignDrawsAnotherControlGroup() {
		assertThat(ControlGroup.split("C-autumn", AUDIENCE, 0.2).control())
			.isNotEqualTo(ControlGroup.split("C-spring", AUDIENCE, 0.2).control());
	}

	@Test
	void theControlGroupIsNotTheFirstIdsInOrder() {
		List<String> control = ControlGroup.split("C-spring", AUDIENCE, 0.2).control();

		assertThat(control).isNotEqualTo(AUDIENCE.stream().sorted().limit(200).toList());
	}

}
