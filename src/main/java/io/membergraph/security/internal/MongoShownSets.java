package io.membergraph.security.internal;

import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

import io.membergraph.security.ShownSets;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The shown sets in MongoDB: {@code privacy_shown_sets} holds each set, {@code privacy_shown_versions} each caller's
 * version per kind, moved on by a single-document update conditional on the version read.
 */
@Component
class MongoShownSets implements ShownSets {

	/**
	 * A remembered set, its sketch in Base64 (4.5 KB; a text, as every record of the store writes and reads without
	 * the converter's per-property work). Real MongoDB drops it at {@code forgetAt} (a TTL index), when its caller
	 * never asks again; the embedded store keeps nothing past a restart anyway.
	 */
	@Document("privacy_shown_sets")
	@CompoundIndex(name = "caller_kind_seq", def = "{'caller': 1, 'kind': 1, 'seq': 1}")
	record ShownSet(@Id String id, String caller, String kind, String key, String question, long seq, Instant at,
			@Indexed(expireAfter = "0s") Instant forgetAt, String sketch, String spanOf, Instant spanFrom,
			Instant spanTo) {

		static ShownSet of(String caller, String kind, Kept set) {
			return new ShownSet(set.id(), caller, kind, set.key(), set.question(), set.seq(), set.at(), set.forgetAt(),
					Base64.getEncoder().encodeToString(set.sketch()), set.spanOf(), set.spanFrom(), set.spanTo());
		}
	}

	/** @param id the caller and the kind */
	@Document("privacy_shown_versions")
	record ShownVersion(@Id String id, long version) {
	}

	private final MongoTemplate mongo;

	MongoShownSets(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	private static String versionId(String caller, String kind) {
		return caller + "|" + kind;
	}

	@Override
	public long version(String caller, String kind) {
		ShownVersion version = mongo.findById(versionId(caller, kind), ShownVersion.class);
		return version == null ? 0 : version.version();
	}

	@Override
	public List<Kept> after(String caller, String kind, long seq) {
		Query query = Query.query(Criteria.where("caller").is(caller).and("kind").is(kind).and("seq").gt(seq))
			.with(Sort.by("seq"));
		return mongo.find(query, ShownSet.class)
			.stream()
			.map(set -> new Kept(set.id(), set.key(), set.question(), set.seq(), set.at(), set.forgetAt(),
					Base64.getDecoder().decode(set.sketch()), set.spanOf(), set.spanFrom(), set.spanTo()))
			.toList();
	}

	@Override
	public void save(String caller, String kind, Kept set) {
		mongo.insert(ShownSet.of(caller, kind, set));
	}

	@Override
	public void saveAll(String caller, String kind, List<Kept> sets) {
		mongo.insert(sets.stream().map(set -> ShownSet.of(caller, kind, set)).toList(), ShownSet.class);
	}

	@Override
	public boolean claim(String caller, String kind, long expected) {
		String id = versionId(caller, kind);
		if (expected == 0) {
			try {
				mongo.insert(new ShownVersion(id, 1));
				return true;
			}
			catch (DuplicateKeyException movedFirst) {
				return false;
			}
		}
		return mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("version").is(expected)),
				new Update().set("version", expected + 1), ShownVersion.class).getModifiedCount() == 1;
	}

	@Override
	public void forget(Collection<String> ids) {
		if (!ids.isEmpty()) {
			mongo.remove(Query.query(Criteria.where("_id").in(ids)), ShownSet.class);
		}
	}

}
