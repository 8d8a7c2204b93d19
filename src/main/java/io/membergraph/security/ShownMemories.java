package io.membergraph.security;

import java.time.Clock;
import java.time.Duration;

import io.membergraph.shared.DurationSetting;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Makes the memories of what callers shown aggregates only were shown ({@link ShownGroups}), one per kind of answer,
 * all with the privacy settings: the fewest members a figure shown may rest on, how long a shown set is remembered and
 * how many distinct sets are remembered per caller.
 */
@Component
public class ShownMemories {

	private final ShownSets kept;

	private final Clock clock;

	private final int minGroupSize;

	private final Duration memory;

	private final int capacity;

	ShownMemories(ShownSets kept, Clock clock, @Value("${membergraph.privacy.min-group-size:5}") int minGroupSize,
			@Value("${membergraph.privacy.preview-memory:PT24H}") Duration memory,
			@Value("${membergraph.privacy.remembered-per-caller:2000}") int capacity) {
		this.kept = kept;
		this.clock = clock;
		this.minGroupSize = minGroupSize;
		this.memory = DurationSetting.within("membergraph.privacy.preview-memory", memory, Duration.ofHours(1),
				Duration.ofDays(366));
		this.capacity = ShownGroups.capacity(capacity);
	}

	/** A memory of the sets of one kind (previews, one analysis's records, campaign responses), kept apart. */
	public ShownGroups of(String kind) {
		return new ShownGroups(kind, minGroupSize, memory, capacity, clock, kept);
	}

	/** The fewest members a figure shown to a caller shown aggregates only may rest on. */
	public int minGroupSize() {
		return minGroupSize;
	}

}
