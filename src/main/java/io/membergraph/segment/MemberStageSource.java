package io.membergraph.segment;

import java.time.LocalDate;
import java.util.Map;

/**
 * Where segments learn each member's lifecycle stage and RFM segment: implemented by the analytics module,
 * which computes them, so that analytics can in turn filter by saved segments without a cycle.
 */
public interface MemberStageSource {

	/** The lifecycle stage of every live member registered by the end of {@code day}, by member id. */
	Map<String, String> lifecycleOn(LocalDate day);

	/** The RFM segment the latest scoring run gave each scored member, by member id. */
	Map<String, String> rfmSegments();

}
