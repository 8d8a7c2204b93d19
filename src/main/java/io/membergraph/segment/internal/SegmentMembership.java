package io.membergraph.segment.internal;

import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One chunk of the members of one evaluation of a segment, member ids ascending. Chunks keep a document far
 * below MongoDB's size limit however large the segment; a new evaluation writes its chunks before the segment
 * points to it, and the old ones go after, so readers never see half an evaluation.
 */
@Document("segment_members")
public record SegmentMembership(@Id String id, @Indexed String evaluation, int chunk, List<String> memberIds) {

	public static final int CHUNK_SIZE = 10_000;

	public static String idOf(String evaluation, int chunk) {
		return evaluation + "|" + chunk;
	}

}
