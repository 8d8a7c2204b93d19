package io.membergraph.member;

import java.time.Instant;

import io.membergraph.security.Masking;
import io.membergraph.shared.Channel;

/**
 * The member's account in one channel: a store card number, a web or app user id, a Tmall or JD buyer id,
 * or a WeChat openid (with the unionid that ties openids of one person across a brand's WeChat apps).
 */
public record Identity(Channel channel, String externalId, String unionId, Instant linkedAt) {

	Identity masked() {
		return new Identity(channel, Masking.externalId(externalId),
				Masking.externalId(unionId), linkedAt);
	}

}
