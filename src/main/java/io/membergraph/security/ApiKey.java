package io.membergraph.security;

import java.time.Instant;
import java.util.Set;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A storefront client's key. Only its SHA-256 hash is stored, as the id, so a lookup is one {@code _id} read
 * and a stolen database does not reveal usable keys.
 */
@Document("api_keys")
record ApiKey(@Id String keyHash, String name, Set<Role> roles, Instant createdAt) {
}
