package io.membergraph.segment.internal;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The audit record of one export of a segment's members: who took which members, when, and whether with
 * personal data.
 *
 * @param evaluation the evaluation whose members were exported
 * @param personalData whether the exporter's role sees personal data (otherwise the file was masked)
 */
@Document("segment_exports")
public record SegmentExport(@Id String id, @Indexed String segmentId, String segmentName, String evaluation,
		Instant evaluatedAt, int members, String exportedBy, boolean personalData, Instant exportedAt) {
}
