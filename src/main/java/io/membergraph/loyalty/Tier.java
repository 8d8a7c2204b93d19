package io.membergraph.loyalty;

import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A tier of the programme. A higher rank is a better tier; the lowest rank is where members start.
 *
 * @param threshold what a member must have earned over the qualification window (points, or spend in minor
 * units, per the programme settings) to reach or keep the tier
 */
@Document("tiers")
public record Tier(@Id String code, String name, int rank, long threshold, List<Benefit> benefits) {

	/** Something a tier gives its members, readable by storefront apps. */
	public record Benefit(String code, String name, String value) {
	}

	public List<Benefit> benefits() {
		return benefits == null ? List.of() : benefits;
	}

}
