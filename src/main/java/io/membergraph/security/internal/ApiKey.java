package io.membergraph.security.internal;

import java.time.Instant;
import java.util.Set;

import io.membergraph.security.Role;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A storefront client's key. Only its SHA-256 hash is stored, as the id, so a lookup is one {@code _id} read
 * and a stolen database does not reveal usable keys; {@code keyId} names it in the API and {@code prefix} (the key's
 * first characters) lets a person tell which key a client has.
 *
 * @param name the storefront the key belongs to
 * @param lastUsedAt when it last authenticated a request, to the minute
 * @param revokedAt when it stopped working; null while it works
 * @param requestsPerMinute the key's allowance; null for {@code membergraph.security.api-key-requests-per-minute}
 */
@Document("api_keys")
public record ApiKey(@Id String keyHash, String keyId, String prefix, String name, Set<Role> roles, Instant createdAt,
		String createdBy, Instant lastUsedAt, Instant revokedAt, String revokedBy, Integer requestsPerMinute) {

	public boolean revoked() {
		return revokedAt != null;
	}

}
