package io.membergraph.segment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.membergraph.segment.internal.SegmentMembership;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A saved segment: its definition, who owns it, and the outcome of its evaluations. Its members are those of
 * the latest evaluation ({@code evaluation}), kept in {@link SegmentMembership} chunks.
 *
 * @param query the definition in the segment language (docs/segments.md)
 * @param evaluation the id of the evaluation whose members are current; null before the first
 * @param sizes the segment's size at each evaluation, newest last, at most {@link #MAX_SIZES}
 */
@Document("segments")
public record Segment(@Id String id, @Indexed(unique = true) String name, String description, String query,
		String owner, Instant createdAt, Instant updatedAt, String evaluation, Instant evaluatedAt, LocalDate evaluatedOn,
		Integer members, List<Size> sizes) {

	static final int MAX_SIZES = 400;

	/** The segment's size on one evaluation. */
	public record Size(Instant at, LocalDate day, int members) {
	}

}
