package io.membergraph.segment;

import java.io.IOException;
import java.io.Writer;
import java.time.Clock;
import java.util.List;

import io.membergraph.member.Member;
import io.membergraph.member.MemberDirectory;
import io.membergraph.security.AuditTrail;
import io.membergraph.security.Caller;
import io.membergraph.segment.internal.SegmentExport;
import io.membergraph.shared.CsvCells;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.bson.types.ObjectId;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Exports a saved segment's members to CSV with the columns the caller's role may see (masked for roles
 * without personal-data rights), and records every export in an audit log.
 */
@Service
public class SegmentExports {

	/** Members read from the store at a time while the file is written. */
	private static final int READ_BATCH = 1_000;

	static final String[] COLUMNS = { "memberId", "memberNumber", "name", "phone", "email", "tier", "province", "city",
			"joinedAt", "joinChannel" };

	private final MongoTemplate mongo;

	private final SavedSegments segments;

	private final MemberDirectory directory;

	private final Caller caller;

	private final Clock clock;

	private final SegmentMemberships memberships;

	private final AuditTrail audit;

	SegmentExports(MongoTemplate mongo, SavedSegments segments, SegmentMemberships memberships, MemberDirectory directory,
			Caller caller, Clock clock, AuditTrail audit) {
		this.audit = audit;
		this.memberships = memberships;
		this.mongo = mongo;
		this.segments = segments;
		this.directory = directory;
		this.caller = caller;
		this.clock = clock;
	}

	/** An export that was authorised and recorded, ready to be written. */
	public final class Export {

		private final SegmentExport record;

		private final List<String> memberIds;

		private Export(SegmentExport record, List<String> memberIds) {
			this.record = record;
			this.memberIds = memberIds;
		}

		public SegmentExport record() {
			return record;
		}

		/** Writes the members as CSV, member ids ascending, with the columns the caller's role may see. */
		public void writeTo(Writer out) throws IOException {
			try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(COLUMNS).get())) {
				for (int from = 0; from < memberIds.size(); from += READ_BATCH) {
					for (Member m : directory.findByIds(memberIds.subList(from, Math.min(memberIds.size(), from + READ_BATCH)))) {
						csv.printRecord(m.id(), m.memberNumber(), CsvCells.safe(m.name()), CsvCells.safe(m.phone()),
								CsvCells.safe(m.email()), CsvCells.safe(m.tierCode()),
								m.region() == null ? null : CsvCells.safe(m.region().province()),
								m.region() == null ? null : CsvCells.safe(m.region().city()), m.joinedAt(), m.joinChannel());
					}
				}
			}
		}

	}

	/**
	 * Starts an export of the members of the segment's latest evaluation, each as it lives now (a member merged into
	 * another account since is that account): checks the caller and the segment, and records the export before any
	 * byte leaves, so no file goes unrecorded.
	 */
	@PreAuthorize("hasAnyRole('ADMIN','CRM_SPECIALIST','MARKETER')")
	public Export start(String segmentId) {
		Segment segment = segments.existing(segmentId);
		List<String> memberIds = memberships.memberIdsOf(segment).stream().sorted().toList();
		SegmentExport record = new SegmentExport(new ObjectId().toHexString(), segment.id(), segment.name(),
				segment.evaluation(), segment.evaluatedAt(), memberIds.size(), caller.name(), caller.seesPersonalData(),
				clock.instant());
		mongo.insert(record);
		audit.record(AuditTrail.Action.EXPORT, null, "segmentExport", "segment " + segment.id() + " (" + segment.name()
				+ "), " + record.members() + " members, " + (caller.seesPersonalData() ? "in full" : "masked"));
		return new Export(record, memberIds);
	}

	/** The exports of a segment, newest first: for admins. */
	@PreAuthorize("hasRole('ADMIN')")
	public List<SegmentExport> of(String segmentId) {
		return mongo.find(Query.query(Criteria.where("segmentId").is(segmentId)).with(Sort.by(Sort.Direction.DESC, "exportedAt")),
				SegmentExport.class);
	}

}
