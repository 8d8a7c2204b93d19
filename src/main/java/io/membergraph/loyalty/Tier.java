package io.membergraph.loyalty;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A tier of the programme; a higher rank is a better tier, and the lowest rank is where members start. */
@Document("tiers")
public record Tier(@Id String code, String name, int rank) {
}
