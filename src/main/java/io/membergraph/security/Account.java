package io.membergraph.security;

import java.util.Set;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A staff or client account that signs in with a password; the password is kept only as a hash. */
@Document("accounts")
record Account(@Id String username, String passwordHash, Set<Role> roles) {
}
