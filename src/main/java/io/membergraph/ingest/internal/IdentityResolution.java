package io.membergraph.ingest.internal;

import java.util.HashSet;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How an imported member row is matched to the members already known, set per brand:
 * <pre>
 * membergraph.identity.precedence: CHANNEL_ACCOUNT, WECHAT_UNIONID, PHONE, EMAIL
 * membergraph.identity.on-conflict: REJECT
 * </pre>
 *
 * @param precedence the identities that match a row to a member, strongest first; one left out never matches
 * (a brand whose e-mail addresses are shared by families leaves out EMAIL)
 * @param onConflict what happens when the row's identities belong to different members: REJECT the row as a
 * merge candidate (the default), or link it to the FIRST_MATCH by precedence and leave identities another
 * member holds with that member
 */
@ConfigurationProperties("membergraph.identity")
public record IdentityResolution(List<IdentityKind> precedence, OnConflict onConflict) {

	enum IdentityKind {

		CHANNEL_ACCOUNT, WECHAT_UNIONID, PHONE, EMAIL

	}

	enum OnConflict {

		REJECT, FIRST_MATCH

	}

	static final IdentityResolution DEFAULT = new IdentityResolution(null, null);

	public IdentityResolution {
		precedence = precedence == null || precedence.isEmpty() ? List.of(IdentityKind.values()) : List.copyOf(precedence);
		if (new HashSet<>(precedence).size() != precedence.size()) {
			throw new IllegalArgumentException("membergraph.identity.precedence names an identity twice: " + precedence);
		}
		onConflict = onConflict == null ? OnConflict.REJECT : onConflict;
	}

}
