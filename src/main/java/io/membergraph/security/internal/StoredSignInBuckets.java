package io.membergraph.security.internal;

import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The sign-in buckets in MongoDB ({@code sign_in_buckets}): a bucket's state in Base64, replaced by a single-document
 * update conditional on the state read. Real MongoDB drops a bucket at {@code forgetAt} (a TTL index); the embedded
 * store ignores TTL indexes, so buckets past it are dropped here, now and then.
 */
final class StoredSignInBuckets implements SignInBuckets.Store {

	@Document("sign_in_buckets")
	record StoredBucket(@Id String id, String state, @Indexed(expireAfter = "0s") Instant forgetAt) {
	}

	/** Every this many new buckets, those past their time are dropped (the embedded store keeps them otherwise). */
	private static final int DROP_EVERY = 1_000;

	private final MongoTemplate mongo;

	private final java.time.Clock clock;

	private final java.util.concurrent.atomic.AtomicLong inserted = new java.util.concurrent.atomic.AtomicLong();

	StoredSignInBuckets(MongoTemplate mongo, java.time.Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	@Override
	public Optional<byte[]> read(String key) {
		StoredBucket bucket = mongo.findById(key, StoredBucket.class);
		return bucket == null || !bucket.forgetAt().isAfter(clock.instant()) ? Optional.empty()
				: Optional.of(Base64.getDecoder().decode(bucket.state()));
	}

	@Override
	public boolean insert(String key, byte[] state, Instant forgetAt) {
		if (inserted.incrementAndGet() % DROP_EVERY == 0) {
			mongo.remove(Query.query(Criteria.where("forgetAt").lte(clock.instant())), StoredBucket.class);
		}
		try {
			mongo.insert(new StoredBucket(key, Base64.getEncoder().encodeToString(state), forgetAt));
			return true;
		}
		catch (DuplicateKeyException keptFirst) {
			// Another instance kept one first, or one past its time lingers: replaced only if it is past its time.
			return mongo.updateFirst(Query.query(Criteria.where("_id").is(key).and("forgetAt").lte(clock.instant())),
					new Update().set("state", Base64.getEncoder().encodeToString(state)).set("forgetAt", forgetAt),
					StoredBucket.class).getModifiedCount() == 1;
		}
	}

	@Override
	public boolean replace(String key, byte[] expected, byte[] state, Instant forgetAt) {
		return mongo.updateFirst(
				Query.query(Criteria.where("_id").is(key).and("state").is(Base64.getEncoder().encodeToString(expected))),
				new Update().set("state", Base64.getEncoder().encodeToString(state)).set("forgetAt", forgetAt),
				StoredBucket.class).getModifiedCount() == 1;
	}

	@Override
	public void remove(String key) {
		mongo.remove(Query.query(Criteria.where("_id").is(key)), StoredBucket.class);
	}

	@Override
	public long size() {
		return mongo.count(Query.query(Criteria.where("forgetAt").gt(clock.instant())), StoredBucket.class);
	}

}
